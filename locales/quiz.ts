/** The quiz question bank, by id, with its text in each language. (Filled from locales/quiz/ once the bank lands.) */
import type { QuestionMeta, QuestionText } from '../src/core/quiz/bank.js';
import type { Lang } from '../src/core/locale.js';

export const QUIZ_QUESTIONS: readonly QuestionMeta[] = [];
export const QUIZ_TEXTS: Record<Lang, Readonly<Record<string, QuestionText>>> = { en: {}, zh: {} };
