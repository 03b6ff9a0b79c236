/**
 * What reading a teacher's question file deals in: the limits, the questions it yields, the problems it reports
 * (each a code with a message in locales/), and the raw rows both formats are read into before they are checked.
 */
import type { UiKey } from '../../i18n.js';

/** Largest file accepted, in bytes (1 MiB); larger files are refused before they are decoded or parsed. */
export const MAX_IMPORT_BYTES = 1_048_576;
/** Most questions one file may hold. */
export const MAX_IMPORT_QUESTIONS = 500;
/** Longest question, in UTF-16 code units (what JavaScript's `length` and discord.js count). */
export const MAX_QUESTION_CHARS = 300;
/** Longest option, in UTF-16 code units: Discord's button label limit. */
export const MAX_OPTION_CHARS = 80;
/** Longest explanation of one option, in UTF-16 code units. */
export const MAX_EXPLANATION_CHARS = 200;
/** Fewest and most options of one question. */
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 4;
/** Most problems listed in ImportResult.errors; the rest are counted in one final `more_problems` entry. */
export const MAX_REPORTED_PROBLEMS = 50;
/** Longest report describeImportProblems returns, in UTF-16 code units: fits any chat message. */
export const MAX_REPORT_CHARS = 1_500;

export interface CustomQuestion {
  question: string;
  /** 2–4 options, distinct, in the order A, B, C, D. */
  options: string[];
  /** Index into options of the right one. */
  correct: number;
  /** One per option (same length as options) when given; '' where a CSV row left one out. */
  explanations?: string[];
}

export const IMPORT_ERROR_CODES = [
  // The whole file (no row).
  'file_too_large',
  'file_empty',
  'file_binary',
  'file_not_utf8',
  'csv_malformed',
  'json_malformed',
  'json_not_array',
  'missing_columns',
  'duplicate_column',
  'too_many_questions',
  'no_questions',
  'more_problems',
  // One row (CSV data row, or JSON array element).
  'not_an_object',
  'too_many_fields',
  'not_text',
  'not_a_list',
  'question_empty',
  'question_too_long',
  'option_missing',
  'option_too_long',
  'options_duplicate',
  'too_few_options',
  'too_many_options',
  'answer_missing',
  'answer_invalid',
  'answer_out_of_range',
  'explanation_too_long',
  'explanation_without_option',
  'explanations_mismatch',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportProblem {
  /** 1-based data row (the header is not counted; blank rows are), or JSON array index + 1. Absent for the whole file. */
  row?: number;
  /** `question`, `a`…`h` (an option), `options`, `answer`, `explanation_a`…, `explanations`. */
  field?: string;
  code: ImportErrorCode;
  params?: Record<string, string | number>;
}

export interface ImportResult {
  /** Empty whenever errors is not (all or nothing). */
  questions: CustomQuestion[];
  errors: ImportProblem[];
}

// Every code has a message: this line stops compiling when one is missing from locales/en/ui.ts.
const _everyCodeHasAMessage: UiKey = '' as `quizImport.problem.${ImportErrorCode}`;

/** Option slots as files name them: a, b, … h (A = slot 0). */
export const LETTERS = 'abcdefgh';
export const letter = (index: number) => LETTERS[index] ?? String(index + 1);
export const upper = (index: number) => letter(index).toUpperCase();
/** Longest piece of the teacher's text repeated inside a problem's params. */
export const MAX_QUOTED_CHARS = 60;

/** One question as the file gave it (CSV and JSON meet in this shape), before any check: options and explanations by slot (A = 0), '' when empty. */
export interface RawRow {
  row: number;
  question: string;
  options: string[];
  answer: string;
  explanations?: string[];
  /** JSON only: the options list had this many entries (CSV infers the count from the filled cells). */
  listed?: number;
}
export type ReadRow = RawRow | { row: number; problems: ImportProblem[] };
