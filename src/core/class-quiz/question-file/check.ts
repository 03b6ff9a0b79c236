/** Raw rows → questions, or problems: the same checks for both formats, every problem of a row at once. */
import { sanitizeText } from '../../options.js';
import {
  letter,
  MAX_EXPLANATION_CHARS,
  MAX_OPTION_CHARS,
  MAX_OPTIONS,
  MAX_QUESTION_CHARS,
  MAX_QUOTED_CHARS,
  MIN_OPTIONS,
  upper,
  type CustomQuestion,
  type ImportErrorCode,
  type ImportProblem,
  type RawRow,
} from './types.js';

/** Plain text the teacher meant: no control or bidi-override characters, Unix line breaks, no runs of blank lines. */
function cleanText(text: string): string {
  return sanitizeText(text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).replace(/[ \u00a0]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
}
/** An option is a button label: one line. */
const cleanLabel = (text: string) => sanitizeText(text).replace(/\s+/g, ' ');
/** Options that would look the same on two buttons. */
const sameKey = (text: string) => text.normalize('NFKC').toLowerCase();

export function check(raw: RawRow): { question: CustomQuestion } | { problems: ImportProblem[] } {
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

export function checkProblems(raw: RawRow): ImportProblem[] {
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
export function quote(text: string, max = MAX_QUOTED_CHARS): string {
  const chars = [...cleanLabel(text)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
