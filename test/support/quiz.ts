import { langOf } from '../../src/core/locale.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Question } from '../../src/core/quiz/bank.js';
import type { Reply } from '../../src/core/reply.js';
import { shippedContent } from '../../src/content/shipped.js';

/** The shipped question bank (locales/quiz), as the tutor loads it. */
export const BANK = shippedContent().quiz;

/** The bank question a question reply asks (found by its text), so a test can pick the right or a wrong answer. */
export function questionOf(reply: Reply): Question {
  const shown = toPlainText(reply.text);
  const lang = langOf(reply.locale === 'zh-Hant' ? 'zh' : reply.locale);
  const found = BANK.all.find((question) => shown.endsWith(question.text[lang].question));
  if (!found) throw new Error(`no bank question in: ${shown.slice(0, 120)}`);
  return found;
}

/** The answer buttons of a question reply are its options, in order. */
export function answerButton(reply: Reply, pick: 'right' | 'wrong'): { id: string; option: number } {
  const question = questionOf(reply);
  const option = pick === 'right' ? question.correct : (question.correct + 1) % question.text.en.options.length;
  const button = reply.buttons[option];
  if (!button) throw new Error('question reply without answer buttons');
  return { id: button.id, option };
}
