import type { Level } from '../lessons/types.js';

/**
 * What a follow-up question needs of the message it asks about: the lesson's topic and level, and a short digest of
 * what the message said (a generated answer is not in the lesson). On its own, so replies can carry it.
 */
export interface LessonContext {
  topic: string;
  level: Level;
  /** The start of what the message said, as plain text (at most DIGEST_MAX_CHARS). */
  digest: string;
  /** The ButtonActions id of a follow-up about this message (Discord's button under it). */
  askId?: string | undefined;
}
