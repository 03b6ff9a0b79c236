/**
 * A student's last follow-up turns about one lesson in one chat. Telegram shows a bot only the message replied to,
 * never the chain before it, so the chain is kept here: under the asker's own key prefix (in a group each asker's
 * turns are their own; /forget deletes them), for a day after the last question.
 */
import { z } from 'zod';
import type { Platform } from '../invocation.js';
import type { KeyValueStore } from '../ports.js';
import { userKeyPrefix } from '../user-prefs.js';
import { DIGEST_MAX_CHARS } from './context.js';

/** The chain a prompt carries: the lesson and at most this many earlier question → answer turns. */
export const MAX_FOLLOWUP_TURNS = 4;
/** Turns are forgotten a day after the last follow-up (the retention rules in the README say so). */
export const FOLLOWUP_TURNS_TTL_MS = 24 * 60 * 60 * 1000;
/** A question as kept: the length /explain accepts. */
export const QUESTION_MAX_CHARS = 300;

export interface FollowUpTurn {
  question: string;
  /** A digest of the answer (DIGEST_MAX_CHARS at most). */
  answer: string;
}

const storedSchema = z.object({
  topic: z.string().max(64),
  turns: z.array(z.object({ question: z.string().max(QUESTION_MAX_CHARS), answer: z.string().max(DIGEST_MAX_CHARS + 1) })).max(MAX_FOLLOWUP_TURNS),
});

export class FollowUpTurns {
  constructor(private readonly store: KeyValueStore) {}

  /** One key per asker and chat: a new lesson's follow-ups there replace the old chain. */
  private key(platform: Platform, userId: string, chatId: string): string {
    return `${userKeyPrefix(platform, userId)}followup:${chatId}`;
  }

  /** This asker's turns about `topic` in this chat, oldest first; none after another lesson or past their expiry. */
  async recent(platform: Platform, userId: string, chatId: string, topic: string): Promise<FollowUpTurn[]> {
    const stored = await this.store.get(this.key(platform, userId, chatId));
    if (stored === undefined) return [];
    try {
      const read = storedSchema.safeParse(JSON.parse(stored));
      return read.success && read.data.topic === topic ? read.data.turns : [];
    } catch {
      return [];
    }
  }

  /** Appends a turn, keeping the last MAX_FOLLOWUP_TURNS; the expiry starts again. */
  async add(platform: Platform, userId: string, chatId: string, topic: string, turn: FollowUpTurn): Promise<void> {
    const earlier = await this.recent(platform, userId, chatId, topic);
    const kept = { question: [...turn.question].slice(0, QUESTION_MAX_CHARS).join(''), answer: [...turn.answer].slice(0, DIGEST_MAX_CHARS).join('') };
    const turns = [...earlier, kept].slice(-MAX_FOLLOWUP_TURNS);
    await this.store.set(this.key(platform, userId, chatId), JSON.stringify({ topic, turns }), FOLLOWUP_TURNS_TTL_MS);
  }
}
