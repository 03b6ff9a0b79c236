/** The shipped content (locales/) as tests read it: loaded and checked by src/content, as the tutor does at start-up. */
import { shippedContent } from '../../src/content/shipped.js';
import type { Level, LessonText } from '../../src/core/lessons/types.js';
import type { Lang } from '../../src/core/locale.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Question } from '../../src/core/quiz/bank.js';

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

/** A shipped lesson's three levels as a reader sees them (Markdown rendered to plain text), for checking figures. */
export function plainLevels(lang: Lang, topic: string): Record<Level, string> {
  const { kid, beginner, expert } = lesson(lang, topic).levels;
  return { kid: toPlainText(kid), beginner: toPlainText(beginner), expert: toPlainText(expert) };
}

/** A topic's quiz questions, in bank order. */
export function topicQuestions(topic: string): Question[] {
  return QUESTIONS.filter((question) => question.topic === topic);
}

/** Everything a question says in one language: the question, its options and their explanations, a line each. */
export function questionText(question: Question, lang: Lang): string {
  const text = question.text[lang];
  return [text.question, ...text.options, ...text.explanations].join('\n');
}
