/**
 * A teacher's own questions for a class quiz, read from a CSV or JSON file (`/quiz import`).
 * Pure: bytes in, questions or problems out; the caller stores the set and posts the report.
 * All or nothing: a file with any problem imports no question, and every problem is listed at once
 * (up to MAX_REPORTED_PROBLEMS) so the teacher can fix the file in one go.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { t, type MessageParams, type UiKey } from '../i18n.js';
import type { Locale } from '../locale.js';
import { sanitizeText } from '../options.js';
import { quoteUserText } from '../replies.js';
import { wellFormedDeep } from '../well-formed.js';

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

const LETTERS = 'abcdefgh';
const letter = (index: number) => LETTERS[index] ?? String(index + 1);
const upper = (index: number) => letter(index).toUpperCase();
/** Longest piece of the teacher's text repeated inside a problem's params. */
const MAX_QUOTED_CHARS = 60;

/** Reads a teacher's question file: CSV or JSON by extension, sniffed from the content when the name says neither. */
export function parseQuestionFile(fileName: string, content: Uint8Array): ImportResult {
  const decoded = decode(content);
  if (typeof decoded !== 'string') return fail([decoded]);
  if (decoded.trim() === '') return fail([{ code: 'file_empty' }]);
  const read = formatOf(fileName, decoded) === 'json' ? readJson(decoded) : readCsv(decoded);
  if (!Array.isArray(read)) return fail([read]);

  const fileProblems: ImportProblem[] = [];
  if (read.length === 0) fileProblems.push({ code: 'no_questions' });
  if (read.length > MAX_IMPORT_QUESTIONS) {
    fileProblems.push({ code: 'too_many_questions', params: { count: read.length, max: MAX_IMPORT_QUESTIONS } });
  }
  const questions: CustomQuestion[] = [];
  const rowProblems: ImportProblem[] = [];
  for (const row of read) {
    if ('problems' in row) {
      rowProblems.push(...row.problems);
      continue;
    }
    const checked = check(row);
    if ('problems' in checked) rowProblems.push(...checked.problems);
    else questions.push(checked.question);
  }
  const problems = [...fileProblems, ...rowProblems];
  return problems.length > 0 ? fail(problems) : { questions, errors: [] };
}

function fail(problems: ImportProblem[]): ImportResult {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return { questions: [], errors: problems };
  const rest = problems.length - MAX_REPORTED_PROBLEMS;
  return { questions: [], errors: [...problems.slice(0, MAX_REPORTED_PROBLEMS), { code: 'more_problems', params: { count: rest } }] };
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes → text

/** The answer for a file over the limit that was never downloaded (the platform said how big it is). */
export function fileTooLarge(byteLength: number): ImportResult {
  return { questions: [], errors: [tooLargeProblem(byteLength)] };
}

function tooLargeProblem(byteLength: number): ImportProblem {
  return { code: 'file_too_large', params: { size: formatBytes(byteLength), max: formatBytes(MAX_IMPORT_BYTES), bytes: byteLength, maxBytes: MAX_IMPORT_BYTES } };
}

function decode(content: Uint8Array): string | ImportProblem {
  if (content.byteLength > MAX_IMPORT_BYTES) return tooLargeProblem(content.byteLength);
  if (content.byteLength === 0) return { code: 'file_empty' };
  // UTF-16 (Excel's "Unicode text") is text, just not in the encoding we read: say how to save it instead.
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
    return { code: 'file_not_utf8' };
  }
  if (content.includes(0)) return { code: 'file_binary' };
  try {
    // Strips a UTF-8 byte order mark; throws on bytes that are not UTF-8 (e.g. a GBK-encoded spreadsheet export).
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { code: 'file_not_utf8' };
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function formatOf(fileName: string, text: string): 'csv' | 'json' {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  if (extension === 'json') return 'json';
  if (extension === 'csv') return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

// ---------------------------------------------------------------------------------------------------------------
// Text → rows, both formats meeting in one shape

/** One question as the file gave it, before any check: options and explanations by slot (A = 0), '' when empty. */
interface RawRow {
  row: number;
  question: string;
  options: string[];
  answer: string;
  explanations?: string[];
  /** JSON only: the options list had this many entries (CSV infers the count from the filled cells). */
  listed?: number;
}
type ReadRow = RawRow | { row: number; problems: ImportProblem[] };

type Column = { kind: 'question' } | { kind: 'answer' } | { kind: 'option'; slot: number } | { kind: 'explanation'; slot: number };

const QUESTION_HEADERS = new Set(['question', 'q', '题目', '題目', '问题', '問題']);
const ANSWER_HEADERS = new Set(['answer', 'correct', 'correctanswer', '答案', '正确答案', '正確答案']);
const OPTION_HEADER = /^(?:option|choice|选项|選項)?([a-h])$/;
const EXPLANATION_HEADER = /^(?:explanation|explain|解析|解释|解釋)([a-h])$/;
const REQUIRED: { name: string; zh: string; matches: (column: Column) => boolean }[] = [
  { name: 'question', zh: '题目', matches: (c) => c.kind === 'question' },
  { name: 'a', zh: '选项A', matches: (c) => c.kind === 'option' && c.slot === 0 },
  { name: 'b', zh: '选项B', matches: (c) => c.kind === 'option' && c.slot === 1 },
  { name: 'answer', zh: '答案', matches: (c) => c.kind === 'answer' },
];

function columnOf(header: string): Column | undefined {
  const key = header.normalize('NFKC').toLowerCase().replace(/[\s_\-.:()（）]/g, '');
  if (QUESTION_HEADERS.has(key)) return { kind: 'question' };
  if (ANSWER_HEADERS.has(key)) return { kind: 'answer' };
  const option = OPTION_HEADER.exec(key)?.[1];
  if (option) return { kind: 'option', slot: LETTERS.indexOf(option) };
  const explanation = EXPLANATION_HEADER.exec(key)?.[1];
  if (explanation) return { kind: 'explanation', slot: LETTERS.indexOf(explanation) };
  return undefined;
}

const sameColumn = (a: Column, b: Column) =>
  a.kind === b.kind && (!('slot' in a) || !('slot' in b) || a.slot === b.slot);

function readCsv(text: string): ReadRow[] | ImportProblem {
  // One line ending throughout: csv-parse takes the first one it meets for all, and a file edited by hand may mix them.
  const normalized = text.replace(/\r\n?/g, '\n');
  const firstLine = normalized.trimStart().split('\n', 1)[0] ?? '';
  let records: string[][];
  try {
    records = parseCsv(normalized, {
      delimiter: delimiterOf(firstLine),
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    return { code: 'csv_malformed', params: { line } };
  }
  const blank = (record: string[]) => record.every((cell) => cell.trim() === '');
  const headerIndex = records.findIndex((record) => !blank(record));
  const header = records[headerIndex];
  if (!header) return { code: 'file_empty' };

  const columns: (Column | undefined)[] = header.map(columnOf);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (column && columns.slice(0, i).some((earlier) => earlier && sameColumn(earlier, column))) {
      return { code: 'duplicate_column', params: { column: quote(header[i] ?? '') } };
    }
  }
  const missing = REQUIRED.filter((required) => !columns.some((column) => column && required.matches(column)));
  if (missing.length > 0) {
    const found = header.map((name) => name.trim()).filter((name) => name !== '');
    return {
      code: 'missing_columns',
      params: {
        missing: missing.map((required) => `${required.name} (${required.zh})`).join(', '),
        found: found.length > 0 ? quote(found.join(', '), 200) : '—',
      },
    };
  }

  const rows: ReadRow[] = [];
  records.slice(headerIndex + 1).forEach((record, index) => {
    const row = index + 1;
    if (blank(record)) return;
    const extra = record.slice(header.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      const count = header.length + record.slice(header.length).findLastIndex((cell) => cell.trim() !== '') + 1;
      rows.push({ row, problems: [{ row, code: 'too_many_fields', params: { count, columns: header.length } }] });
      return;
    }
    const raw: RawRow = { row, question: '', options: [], answer: '' };
    const explanations: string[] = [];
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      if (!column) return;
      if (column.kind === 'question') raw.question = cell;
      else if (column.kind === 'answer') raw.answer = cell;
      else if (column.kind === 'option') raw.options[column.slot] = cell;
      else explanations[column.slot] = cell;
    });
    raw.options = Array.from({ length: raw.options.length }, (_, slot) => raw.options[slot] ?? '');
    if (explanations.some((cell) => cell !== undefined && cell.trim() !== '')) {
      raw.explanations = Array.from({ length: explanations.length }, (_, slot) => explanations[slot] ?? '');
    }
    rows.push(raw);
  });
  return rows;
}

/** The delimiter a header line uses: comma, or semicolon / tab (spreadsheets in some locales) when it has more of those. */
function delimiterOf(headerLine: string): string {
  const count = (char: string) => headerLine.split(char).length - 1;
  const commas = count(',');
  if (count(';') > commas && count(';') >= count('\t')) return ';';
  if (count('\t') > commas) return '\t';
  return ',';
}

function readJson(source: string): ReadRow[] | ImportProblem {
  let data: unknown;
  try {
    // JSON's `"\ud800"` escape is the one way a file brings a lone surrogate (the UTF-8 decoding refuses the rest).
    data = wellFormedDeep(JSON.parse(source));
  } catch (error) {
    return { code: 'json_malformed', params: jsonErrorPlace(source, error) };
  }
  if (!Array.isArray(data)) return { code: 'json_not_array' };
  return data.map((item: unknown, index): ReadRow => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { row, problems: [{ row, code: 'not_an_object' }] };
    }
    const record = item as Record<string, unknown>;
    const problems: ImportProblem[] = [];
    const text = (value: unknown, field: string): string => {
      if (value === undefined || value === null) return '';
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      problems.push({ row, field, code: 'not_text' });
      return '';
    };
    const list = (value: unknown, field: string): unknown[] | undefined => {
      if (value === undefined || value === null) return undefined;
      if (Array.isArray(value)) return value;
      problems.push({ row, field, code: 'not_a_list' });
      return undefined;
    };
    const question = text(record.question, 'question');
    const options = list(record.options, 'options');
    const answer = text(record.answer, 'answer');
    const explanations = list(record.explanations, 'explanations');
    const raw: RawRow = {
      row,
      question,
      answer,
      options: (options ?? []).map((option, slot) => text(option, letter(slot))),
      listed: options?.length ?? 0,
    };
    if (explanations) {
      raw.explanations = explanations.map((explanation, slot) => text(explanation, `explanation_${letter(slot)}`));
      if (options && explanations.length !== options.length) {
        problems.push({ row, field: 'explanations', code: 'explanations_mismatch', params: { count: explanations.length, options: options.length } });
      }
    }
    if (problems.length === 0) return raw;
    // A field already reported as the wrong type is not reported again as empty.
    const further = checkProblems(raw).filter((problem) => !problems.some((earlier) => earlier.field === problem.field));
    return { row, problems: [...problems, ...further] };
  });
}

/** Line and column of a JSON syntax error, from V8's message ("at position 42" or "(line 3 column 5)"). */
function jsonErrorPlace(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Checks, the same for both formats

/** Plain text the teacher meant: no control or bidi-override characters, Unix line breaks, no runs of blank lines. */
function cleanText(text: string): string {
  return sanitizeText(text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).replace(/[ \u00a0]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
}
/** An option is a button label: one line. */
const cleanLabel = (text: string) => sanitizeText(text).replace(/\s+/g, ' ');
/** Options that would look the same on two buttons. */
const sameKey = (text: string) => text.normalize('NFKC').toLowerCase();

function check(raw: RawRow): { question: CustomQuestion } | { problems: ImportProblem[] } {
  const problems = checkProblems(raw);
  if (problems.length > 0) return { problems };
  const count = optionCount(raw);
  const question: CustomQuestion = {
    question: cleanText(raw.question),
    options: raw.options.slice(0, count).map(cleanLabel),
    correct: answerIndex(raw.answer) ?? 0,
  };
  if (raw.explanations) {
    question.explanations = Array.from({ length: count }, (_, slot) => cleanText(raw.explanations?.[slot] ?? ''));
  }
  return { question };
}

/**
 * How many options a question has: a JSON list's length; in CSV, the options up to the last filled one (at least
 * MIN_OPTIONS), so gaps before it are problems rather than a shorter question.
 */
function optionCount(raw: RawRow): number {
  if (raw.listed !== undefined) return raw.listed;
  const lastFilled = raw.options.findLastIndex((option) => cleanLabel(option) !== '');
  return Math.max(lastFilled + 1, MIN_OPTIONS);
}

/** The 0-based option an answer names ("B", "b", "Ｂ", "2"), or undefined when it names none. */
function answerIndex(answer: string): number | undefined {
  const value = answer.normalize('NFKC').trim().toLowerCase();
  if (/^[a-z]$/.test(value)) return value.charCodeAt(0) - 'a'.charCodeAt(0);
  if (/^\d+$/.test(value)) return Number(value) - 1;
  return undefined;
}

function checkProblems(raw: RawRow): ImportProblem[] {
  const { row } = raw;
  const problems: ImportProblem[] = [];
  const tooLong = (field: string, text: string, max: number, code: ImportErrorCode) => {
    if (text.length > max) problems.push({ row, field, code, params: { length: text.length, max } });
  };

  const question = cleanText(raw.question);
  if (question === '') problems.push({ row, field: 'question', code: 'question_empty' });
  tooLong('question', question, MAX_QUESTION_CHARS, 'question_too_long');

  const count = optionCount(raw);
  const labels = raw.options.map(cleanLabel);
  if (count < MIN_OPTIONS) {
    problems.push({ row, field: 'options', code: 'too_few_options', params: { count } });
  } else if (count > MAX_OPTIONS) {
    problems.push({ row, field: 'options', code: 'too_many_options', params: { count } });
  }
  const seen = new Map<string, number>();
  for (let slot = 0; slot < Math.min(count, MAX_OPTIONS); slot++) {
    const label = labels[slot] ?? '';
    if (label === '') {
      problems.push({ row, field: letter(slot), code: 'option_missing' });
      continue;
    }
    tooLong(letter(slot), label, MAX_OPTION_CHARS, 'option_too_long');
    const earlier = seen.get(sameKey(label));
    if (earlier !== undefined) problems.push({ row, field: letter(slot), code: 'options_duplicate', params: { other: upper(earlier) } });
    else seen.set(sameKey(label), slot);
  }

  // With too few or too many options the range is unknown: those problems come first.
  const shown = Math.min(Math.max(count, MIN_OPTIONS), MAX_OPTIONS);
  const answerText = cleanLabel(raw.answer);
  const index = answerIndex(answerText);
  const range = { value: quote(answerText), last: upper(shown - 1), count: shown };
  if (answerText === '') problems.push({ row, field: 'answer', code: 'answer_missing' });
  else if (index === undefined) problems.push({ row, field: 'answer', code: 'answer_invalid', params: range });
  else if (count >= MIN_OPTIONS && count <= MAX_OPTIONS && (index < 0 || index >= count)) {
    problems.push({ row, field: 'answer', code: 'answer_out_of_range', params: range });
  }

  raw.explanations?.forEach((explanation, slot) => {
    const text = cleanText(explanation);
    if (text === '') return;
    const field = `explanation_${letter(slot)}`;
    if (raw.listed === undefined && (slot >= count || labels[slot] === '')) {
      problems.push({ row, field, code: 'explanation_without_option', params: { letter: upper(slot) } });
    }
    tooLong(field, text, MAX_EXPLANATION_CHARS, 'explanation_too_long');
  });
  return problems;
}

/** The teacher's text inside a problem: one line, bounded (the report escapes it when it renders). */
function quote(text: string, max = MAX_QUOTED_CHARS): string {
  const chars = [...cleanLabel(text)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// The report

/**
 * A short report of an import in the teacher's language, at most MAX_REPORT_CHARS long: "Imported N questions", or
 * "Nothing imported" and one line per problem ("Row 3, answer: …"), then how many more there are when they do not fit.
 * Markdown, as replies are; the teacher's text is escaped. Chinese comes out Simplified: localize() the whole reply
 * for zh-Hant, as every reply is.
 */
export function describeImportProblems(locale: Locale, result: ImportResult): string {
  if (result.errors.length === 0) {
    const count = result.questions.length;
    return count === 1 ? t(locale, 'quizImport.importedOne') : t(locale, 'quizImport.imported', { count });
  }
  const unlisted = result.errors.find((problem) => problem.code === 'more_problems')?.params?.count;
  const lines = result.errors.filter((problem) => problem.code !== 'more_problems').map((problem) => `- ${describeProblem(locale, problem)}`);
  const total = lines.length + (typeof unlisted === 'number' ? unlisted : 0);
  const reserve = t(locale, 'quizImport.more', { count: total }).length + 1;

  let report = t(locale, 'quizImport.nothingImported');
  let shown = 0;
  for (const line of lines) {
    const fits = report.length + 1 + line.length + (shown + 1 < total ? reserve : 0) <= MAX_REPORT_CHARS;
    if (!fits) break;
    report += `\n${line}`;
    shown += 1;
  }
  if (shown < total) report += `\n${t(locale, 'quizImport.more', { count: total - shown })}`;
  return report;
}

function describeProblem(locale: Locale, problem: ImportProblem): string {
  const params: MessageParams = {};
  for (const [key, value] of Object.entries(problem.params ?? {})) {
    params[key] = typeof value === 'string' ? quoteUserText(value, key === 'found' ? 200 : MAX_QUOTED_CHARS) : value;
  }
  const message = t(locale, `quizImport.problem.${problem.code}`, params);
  if (problem.row === undefined) return message;
  if (problem.field === undefined) return t(locale, 'quizImport.row', { row: problem.row, message });
  return t(locale, 'quizImport.rowField', { row: problem.row, field: fieldLabel(locale, problem.field), message });
}

function fieldLabel(locale: Locale, field: string): string {
  if (field === 'question' || field === 'options' || field === 'answer' || field === 'explanations') {
    return t(locale, `quizImport.field.${field}`);
  }
  const explanation = /^explanation_([a-h])$/.exec(field)?.[1];
  if (explanation) return t(locale, 'quizImport.field.explanation', { letter: explanation.toUpperCase() });
  if (/^[a-h]$/.test(field)) return t(locale, 'quizImport.field.option', { letter: field.toUpperCase() });
  return quoteUserText(field);
}
