/** Quiz question types. The language-neutral facts live in locales/quiz/bank.ts, the texts in locales/<lang>/quiz.ts. */
import type { TopicId } from '../topics.js';

/** What a question is about and which option is right; the same for every language. */
export interface QuizQuestionMeta {
  /** `<topic>-<n>`, e.g. `attention-1`; also the key of the question's text in every language. */
  id: string;
  topic: TopicId;
  /** Index of the correct option in `QuizQuestionText.options`. */
  correct: 0 | 1 | 2 | 3;
  /** 1: recall a fact, 2: apply an idea, 3: reason about the mechanism (expert level). */
  difficulty: 1 | 2 | 3;
}

/**
 * One question in one language, plain text (no markup): short enough for chat buttons and quiz reveals
 * (question ≤ 300 characters, each option ≤ 80, each explanation ≤ 200; test/unit/quiz-bank.test.ts checks it).
 */
export interface QuizQuestionText {
  question: string;
  options: [string, string, string, string];
  /**
   * One per option, same order. For the correct option: why it is right (begins "Right." / "正确。").
   * For a wrong option: the misconception that picking it reveals, and the fact that corrects it.
   */
  explanations: [string, string, string, string];
}
