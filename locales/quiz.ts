/** The quiz question bank: the questions (topic, correct option, difficulty) and their text in each language by id. */
import type { Lang } from '../src/core/locale.js';
import type { QuestionText } from '../src/core/quiz/bank.js';
import en from './en/quiz.js';
import zh from './zh/quiz.js';

export { QUIZ_QUESTIONS } from './quiz/bank.js';
export const QUIZ_TEXTS: Record<Lang, Readonly<Record<string, QuestionText>>> = { en, zh };
