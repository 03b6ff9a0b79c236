/**
 * "typing…" while a job runs: Telegram shows a chat action for about five seconds or until the bot's next message,
 * so it is repeated until the reply's first message arrives, the final is delivered, or a bound passes.
 */

/** Just under Telegram's ~5 s display time, so the indicator does not flicker off. */
export const TYPING_REFRESH_MS = 4_500;
/** A job never runs longer than the model queue's timeout (120 s); a lost final must not leave it typing forever. */
export const TYPING_MAX_MS = 125_000;

export interface TypingOptions {
  refreshMs?: number;
  maxMs?: number;
}

export class TypingIndicators {
  private readonly active = new Map<string, { timer: NodeJS.Timeout | undefined; until: number }>();
  private readonly refreshMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly sendTyping: (chatId: string) => Promise<void>,
    options: TypingOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? TYPING_REFRESH_MS;
    this.maxMs = options.maxMs ?? TYPING_MAX_MS;
  }

  start(key: string, chatId: string): void {
    if (this.active.has(key)) return;
    const until = Date.now() + this.maxMs;
    const tick = () => {
      void this.sendTyping(chatId).catch(() => undefined);
      if (Date.now() + this.refreshMs > until) return this.stop(key);
      entry.timer = setTimeout(tick, this.refreshMs);
    };
    const entry: { timer: NodeJS.Timeout | undefined; until: number } = { timer: undefined, until };
    this.active.set(key, entry);
    tick();
  }

  stop(key: string): void {
    const entry = this.active.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.active.delete(key);
  }

  stopAll(): void {
    for (const key of [...this.active.keys()]) this.stop(key);
  }

  get count(): number {
    return this.active.size;
  }
}
