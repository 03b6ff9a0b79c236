/** The shipped content (locales/) as tests read it: loaded and checked by src/content, as the tutor does at start-up. */
import { shippedContent } from '../../src/content/shipped.js';
import type { LessonText } from '../../src/core/lessons/types.js';
import type { Lang } from '../../src/core/locale.js';

const shipped = shippedContent();

/** The learning path of locales/topics.yaml, in order. */
export const TOPICS = shipped.content.topics;
/** What every level of a lesson must state (each lesson's `facts`), by language and topic id. */
export const FACTS = shipped.content.facts;
/** The quiz bank's questions, in bank order (topics in learning-path order). */
export const QUESTIONS = shipped.content.questions;
export const CATALOG = shipped.catalog;

/** A shipped lesson; throws for a topic that has none, so a test never reads `undefined`. */
export function lesson(lang: Lang, topic: string): LessonText {
  return CATALOG.lesson(lang, topic);
}
