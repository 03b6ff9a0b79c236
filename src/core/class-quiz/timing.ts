/** How a class quiz paces itself. Tests shrink these; the defaults are for a real class. */
export interface ClassQuizTiming {
  /** From /quiz start to the first question: time to press Join. */
  lobbyMs: number;
  /** From a question's reveal to the next question: time to read why. */
  revealPauseMs: number;
  /** One "second" of a question's time (1,000 in production; tests run quizzes faster). */
  secondMs: number;
  /**
   * Unannounced extra time a question stays open after its stated seconds: the question reaches the chat a little
   * after it opens (the platform's rate limits may hold it a moment), so the last students are not cut off. Speed
   * points still count over the stated seconds.
   */
  answerGraceMs: number;
  /** The least time between two live "12 answered" edits of a question (Telegram allows ~20 messages a minute in a group). */
  liveUpdateMs: number;
}

export const DEFAULT_CLASS_QUIZ_TIMING: ClassQuizTiming = {
  lobbyMs: 15_000,
  revealPauseMs: 8_000,
  secondMs: 1_000,
  answerGraceMs: 2_000,
  liveUpdateMs: 5_000,
};
