/** Class quiz test helpers: fast timing, students who press buttons, and reading what the quiz posted. */
import type { ClassQuizTiming } from '../../src/core/class-quiz/timing.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Platform } from '../../src/core/invocation.js';
import type { Reply } from '../../src/core/reply.js';
import type { Asker, Tutor } from '../../src/core/tutor.js';

/** A "second" of question time is 20 ms: a 5 s question lasts 100 ms. */
export const FAST_TIMING: ClassQuizTiming = { lobbyMs: 150, revealPauseMs: 60, secondMs: 20, answerGraceMs: 20, liveUpdateMs: 40 };

export function classmate(id: string, options: { chat?: string; platform?: Platform; locale?: string; admin?: boolean } = {}): Asker {
  return {
    user: { id, displayName: `Student ${id}`, locale: options.locale, chatAdmin: options.admin },
    chat: { id: options.chat ?? 'class-1', kind: 'group' },
    platform: options.platform ?? 'telegram',
  };
}

/** Presses a button as `who`; returns the reply given at once (answered at the edge) or undefined when queued. */
export async function pressNow(tutor: Tutor, who: Asker, buttonId: string): Promise<Reply | undefined> {
  const invocation = await tutor.readButton({ buttonId, ...who });
  if ('reply' in invocation) return invocation.reply;
  const outcome = await tutor.dispatch(invocation);
  return outcome.kind === 'answered' ? outcome.reply : undefined;
}

/** Waits (bounded) until `check` finds what it wants in the deliveries so far. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The latest version of each question stream: what the chat shows for question i. */
export function questionPosts(deliveries: readonly Delivery[], index: number): Delivery[] {
  return deliveries.filter((delivery) => /^qz[A-Za-z0-9_-]+q\d+$/.test(delivery.address.correlationId) && delivery.address.correlationId.endsWith(`q${index}`));
}
