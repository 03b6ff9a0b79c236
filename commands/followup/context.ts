import { digestOf, type LessonContext } from '../../src/core/followup/context.js';
import type { Level } from '../../src/core/lessons/types.js';
import type { TutorServices } from '../../src/core/services.js';

/**
 * What a reply carries so it can be followed up again: its topic, level and digest, and the id of a follow-up
 * button (Discord opens the question form from it; the action keeps the digest, so no message needs reading).
 */
export async function followUpContext(services: Pick<TutorServices, 'buttons'>, topic: string, level: Level, text: string): Promise<LessonContext> {
  const digest = digestOf(text);
  const askId = await services.buttons.register({ command: 'followup', args: { topic, level, digest } });
  return { topic, level, digest, askId };
}
