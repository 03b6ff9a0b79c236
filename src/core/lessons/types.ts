/**
 * Lesson content types. Lessons are data, locales/<lang>/lessons/<topic>.md (one file per topic and language), read
 * and checked by src/content and handed to the core's Catalog.
 */

export const LEVELS = ['kid', 'beginner', 'expert'] as const;
export type Level = (typeof LEVELS)[number];

/** The text of one lesson in one language. Texts use the small markdown subset of src/core/markdown.ts. */
export interface LessonText {
  /** Short display title, e.g. "Attention" / "注意力机制". */
  title: string;
  /** One sentence that says what the lesson answers; shown in topic lists and "did you mean" choices. */
  summary: string;
  /** Words and phrases students use for this topic in this language (aliases, synonyms, abbreviations). */
  keywords: string[];
  /** The explanation at each level. */
  levels: Record<Level, string>;
  /** Numbers of a worked example shown in the text, kept as data so a test can recompute them. */
  example?: AttentionExample;
}

/** A small scaled dot-product attention computation: softmax(Q·Kᵀ/√d_k)·V, rounded as the lesson prints it. */
export interface AttentionExample {
  q: number[][];
  k: number[][];
  v: number[][];
  /** Q·Kᵀ/√d_k, one row per query. */
  scaledScores: number[][];
  /** softmax of each row of scaledScores. */
  weights: number[][];
  /** weights·V. */
  output: number[][];
  /** Decimal places the lesson rounds to. */
  decimals: number;
}

/** Language-neutral facts about a topic: where it sits on the learning path and what it links to. */
export interface TopicMeta {
  id: string;
  /** Topics a student should have seen first. */
  prerequisites: string[];
  /** Topics worth reading next to this one (the "related" buttons). */
  related: string[];
}
