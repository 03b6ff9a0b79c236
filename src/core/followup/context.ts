/**
 * Where the context of a message (lesson-context.ts) is kept: by the bot's message on Telegram (a reply
 * names only the message it answers) and in the "Ask about this" button's action on Discord.
 */
import { z } from 'zod';
import { LEVELS } from '../lessons/types.js';
import type { Platform } from '../invocation.js';
import type { KeyValueStore } from '../ports.js';
import { toPlainText } from '../markdown.js';
import type { LessonContext } from './lesson-context.js';

export type { LessonContext } from './lesson-context.js';

/** Enough to recall what an answer said, short enough for a button's stored action and a prompt turn. */
export const DIGEST_MAX_CHARS = 400;
/** A lesson message can be followed up for a week after it was sent; then a reply to it is a plain question. */
export const LESSON_CONTEXT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const TOPIC_ID = /^[a-z0-9-]{1,64}$/;

const contextSchema = z.object({
  topic: z.string().regex(TOPIC_ID),
  level: z.enum(LEVELS),
  digest: z.string().max(DIGEST_MAX_CHARS),
});

/** A short plain-text digest of a reply's text (markdown dropped, whitespace folded), cut at a word where it can be. */
export function digestOf(text: string, maxChars = DIGEST_MAX_CHARS): string {
  const plain = toPlainText(text).replace(/\s+/g, ' ').trim();
  const chars = [...plain];
  if (chars.length <= maxChars) return plain;
  const cut = chars.slice(0, maxChars - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`;
}

/** The context of the bot's messages, by chat and message id (Telegram: what a reply to one of them asks about). */
export class LessonContexts {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, chatId: string, messageId: string): string {
    return `followup:message:${platform}:${chatId}:${messageId}`;
  }

  async remember(platform: Platform, chatId: string, messageId: string, context: LessonContext): Promise<void> {
    const { topic, level, digest } = context;
    await this.store.set(this.key(platform, chatId, messageId), JSON.stringify({ topic, level, digest }), LESSON_CONTEXT_TTL_MS);
  }

  /** The context of that message, or undefined (not a lesson, expired, or written by another release). */
  async find(platform: Platform, chatId: string, messageId: string): Promise<LessonContext | undefined> {
    const stored = await this.store.get(this.key(platform, chatId, messageId));
    if (stored === undefined) return undefined;
    try {
      const read = contextSchema.safeParse(JSON.parse(stored));
      return read.success ? read.data : undefined;
    } catch {
      return undefined;
    }
  }
}
