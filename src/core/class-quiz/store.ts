import type { CustomItem } from './types.js';
import type { AnswerOutcome, ClassQuiz, Player, RecordedAnswer } from './types.js';

/**
 * Where class quizzes live: Redis in production (every bot and worker process sees the same quiz, and a restart
 * loses nothing), memory offline. The few operations that must be atomic under concurrent clicks are single steps
 * here: answering (first answer counts, only while the question is open, timed on the store's clock), joining, and
 * closing a question.
 */
export interface ClassQuizStore {
  /** Makes `quiz` its chat's running quiz, unless one is running there (then returns that quiz's id). */
  begin(quiz: ClassQuiz): Promise<{ begun: true } | { begun: false; runningId: string }>;
  running(chatKey: string): Promise<string | undefined>;
  load(quizId: string): Promise<ClassQuiz | undefined>;
  /**
   * Writes the quiz if nobody has saved it since this copy was loaded (same `version`), and bumps the version;
   * false when a newer version is stored — the caller's step was overtaken (two workers closing one question) and
   * must not move the quiz on.
   */
  save(quiz: ClassQuiz): Promise<boolean>;
  /** Opens question `index` for answers for `windowMs` from now (the store's clock); again for the same index is a no-op. */
  open(quizId: string, index: number, windowMs: number): Promise<void>;
  /** Records the first answer of a user to the open question `index`, before it closes; the user also joins. */
  answer(quizId: string, index: number, player: Player, option: number): Promise<AnswerOutcome>;
  join(quizId: string, player: Player): Promise<{ joined: boolean; players: number }>;
  /** No more answers to question `index`. */
  close(quizId: string, index: number): Promise<void>;
  answers(quizId: string, index: number): Promise<RecordedAnswer[]>;
  players(quizId: string): Promise<Player[]>;
  /** Saves the finished quiz (as `save`) and frees its chat; it stays readable for /quiz results for a while. */
  finish(quiz: ClassQuiz): Promise<boolean>;
  lastFinished(chatKey: string): Promise<string | undefined>;
  customSet(chatKey: string): Promise<CustomItem[] | undefined>;
  saveCustomSet(chatKey: string, items: CustomItem[]): Promise<void>;
  /** A short token naming a quiz's results for one person (a Telegram deep link). */
  saveResultsLink(token: string, value: { quizId: string; userId: string }): Promise<void>;
  resultsLink(token: string): Promise<{ quizId: string; userId: string } | undefined>;
  /**
   * /forget: takes a person out of every finished quiz of theirs on this platform still kept (players, answers,
   * standings, history: their rows stay under an anonymous id and `name`). A quiz still running is left alone (its
   * steps compare-and-set the quiz; a write beside them would stall it) and counted, so the person can be told.
   * No scan of the keyspace: the Redis store keeps an index of the quizzes each person joined.
   */
  forgetPlayer(platform: string, userId: string, name: string): Promise<{ anonymised: number; running: number }>;
}

// A quiz left running (its timers lost with every worker) frees its chat after this long.
export const RUNNING_TTL_MS = 6 * 60 * 60 * 1000;
// Results of a finished quiz stay available to /quiz results for a week.
export const RESULTS_TTL_MS = 7 * 24 * 60 * 60 * 1000;
// A chat's imported questions are kept half a year after the last import.
export const CUSTOM_SET_TTL_MS = 180 * 24 * 60 * 60 * 1000;
