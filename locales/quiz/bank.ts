import type { QuizQuestionMeta } from './types.js';

/**
 * The quiz question bank: every question's topic, correct option and difficulty, in curriculum order. The texts
 * (question, four options, an explanation per option) are in locales/en/quiz.ts and locales/zh/quiz.ts under the
 * same ids. Wrong options are misconceptions students really hold; the points where the seed lesson is loose
 * (decoder-only with a causal mask, next-token not masked words, weights from query·key and values mixed) are
 * asked about directly.
 */
export const QUIZ_QUESTIONS: readonly QuizQuestionMeta[] = [
  { id: 'gpt-1', topic: 'gpt', correct: 2, difficulty: 1 },
  { id: 'gpt-2', topic: 'gpt', correct: 0, difficulty: 2 },
  { id: 'gpt-3', topic: 'gpt', correct: 3, difficulty: 1 },
  { id: 'gpt-4', topic: 'gpt', correct: 3, difficulty: 3 },
  { id: 'generative-1', topic: 'generative', correct: 1, difficulty: 1 },
  { id: 'generative-2', topic: 'generative', correct: 1, difficulty: 2 },
  { id: 'generative-3', topic: 'generative', correct: 0, difficulty: 2 },
  { id: 'generative-4', topic: 'generative', correct: 2, difficulty: 3 },
  { id: 'tokens-1', topic: 'tokens', correct: 2, difficulty: 1 },
  { id: 'tokens-2', topic: 'tokens', correct: 0, difficulty: 2 },
  { id: 'tokens-3', topic: 'tokens', correct: 3, difficulty: 2 },
  { id: 'tokens-4', topic: 'tokens', correct: 0, difficulty: 3 },
  { id: 'pretraining-1', topic: 'pretraining', correct: 1, difficulty: 1 },
  { id: 'pretraining-2', topic: 'pretraining', correct: 3, difficulty: 2 },
  { id: 'pretraining-3', topic: 'pretraining', correct: 0, difficulty: 3 },
  { id: 'pretraining-4', topic: 'pretraining', correct: 2, difficulty: 2 },
  { id: 'learning-paradigms-1', topic: 'learning-paradigms', correct: 0, difficulty: 1 },
  { id: 'learning-paradigms-2', topic: 'learning-paradigms', correct: 2, difficulty: 2 },
  { id: 'learning-paradigms-3', topic: 'learning-paradigms', correct: 1, difficulty: 2 },
  { id: 'learning-paradigms-4', topic: 'learning-paradigms', correct: 1, difficulty: 3 },
  { id: 'fine-tuning-1', topic: 'fine-tuning', correct: 3, difficulty: 1 },
  { id: 'fine-tuning-2', topic: 'fine-tuning', correct: 0, difficulty: 2 },
  { id: 'fine-tuning-3', topic: 'fine-tuning', correct: 2, difficulty: 2 },
  { id: 'fine-tuning-4', topic: 'fine-tuning', correct: 1, difficulty: 3 },
  { id: 'fine-tuning-5', topic: 'fine-tuning', correct: 2, difficulty: 1 },
  { id: 'rlhf-1', topic: 'rlhf', correct: 2, difficulty: 1 },
  { id: 'rlhf-2', topic: 'rlhf', correct: 0, difficulty: 2 },
  { id: 'rlhf-3', topic: 'rlhf', correct: 3, difficulty: 3 },
  { id: 'rlhf-4', topic: 'rlhf', correct: 2, difficulty: 2 },
];
