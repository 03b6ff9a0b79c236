/** Files and helpers the /quiz import tests share (quiz-import.test.ts, quiz-import-errors.test.ts). */
import type { CustomQuestion, ImportResult } from '../../src/core/class-quiz/import.js';

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const csv = (...lines: string[]) => utf8(lines.join('\n') + '\n');
export const json = (value: unknown) => utf8(JSON.stringify(value, null, 2));
/** The problems of a result without params, for comparing codes, rows and fields exactly. */
export const problems = (result: ImportResult) => result.errors.map(({ row, field, code }) => ({ row, field, code }));

export const HEADER = 'question,a,b,c,d,answer,explanation_a,explanation_b,explanation_c,explanation_d';
export const ATTENTION: CustomQuestion = {
  question: 'What does attention compute for each token?',
  options: ['A weighted sum of value vectors', 'The next token directly', 'A sorted list of words', 'The loss'],
  correct: 0,
  explanations: ['Right: weights from query·key, applied to values.', 'Prediction comes later, from the last layer.', 'Nothing is sorted.', 'The loss is only computed in training.'],
};
export const ATTENTION_ROW =
  '"What does attention compute for each token?",A weighted sum of value vectors,The next token directly,A sorted list of words,The loss,A,' +
  '"Right: weights from query·key, applied to values.","Prediction comes later, from the last layer.",Nothing is sorted.,The loss is only computed in training.';
