import type { Platform } from '../invocation.js';
import type { Locale } from '../locale.js';

export const SCORING_MODES = ['speed', 'plain'] as const;
export type Scoring = (typeof SCORING_MODES)[number];

/** A question as the class sees it: from the bank (by id) or from the chat's imported set (inline). */
export type QuizItem = { bankId: string } | { custom: CustomItem };

export interface CustomItem {
  question: string;
  options: string[];
  correct: number;
  explanations?: string[] | undefined;
}

/** A player's running total. */
export interface Standing {
  userId: string;
  name: string;
  points: number;
  correct: number;
  answered: number;
  /** Correct answers in a row up to the last question. */
  streak: number;
  /** Time spent on correct answers, the tie-breaker. */
  correctMs: number;
}

/** One answer as scored when its question closed (the results file's rows). */
export interface ScoredAnswer {
  userId: string;
  option: number;
  ms: number;
  correct: boolean;
  points: number;
}

export type QuizPhase = 'lobby' | 'question' | 'reveal' | 'finished';

/** A class quiz in one chat: everything a worker needs to move it on, kept in the state store (JSON). */
export interface ClassQuiz {
  id: string;
  platform: Platform;
  chatId: string;
  /** `<platform>:<chat id>`: one running quiz per chat. */
  chatKey: string;
  /** The language the quiz posts in (the chat's). */
  locale: Locale;
  starterId: string;
  /** Where posts go: the adapter's outbox and its route data for this chat. */
  outbox: string;
  route?: Record<string, string> | undefined;
  title: string;
  scoring: Scoring;
  secondsPerQuestion: number;
  items: QuizItem[];
  phase: QuizPhase;
  /** The question being asked or just revealed; -1 in the lobby. */
  index: number;
  standings: Standing[];
  /** Per question asked: its scored answers. */
  history: ScoredAnswer[][];
  startedAt: number;
  /** Bumped by every save: a step that read an older version cannot overwrite a newer one (see ClassQuizStore.save). */
  version: number;
}

/** What a click on an answer button came to. */
export interface AnswerOutcome {
  status: 'recorded' | 'again' | 'closed';
  answered: number;
  players: number;
  /** Players when the question opened: with none, nobody is known to be still thinking, so it never closes early. */
  playersAtOpen: number;
}

export interface RecordedAnswer {
  userId: string;
  option: number;
  /** From the question's opening to the answer, on the state store's clock. */
  ms: number;
}

export interface Player {
  userId: string;
  name: string;
}
