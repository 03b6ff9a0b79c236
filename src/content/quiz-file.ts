/**
 * One topic's quiz questions, locales/quiz/<topic>.json: a file `/quiz import` reads as it is (a JSON list of
 * `{ question, options, answer, explanations }`, English), each question with what the bank adds: its `id`, its
 * `difficulty`, and `zh`, the same question in Chinese option for option. The answer is the letter of the correct
 * option (A–D), as a teacher writes it; the text is served as written.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { MAX_EXPLANATION_CHARS, MAX_OPTION_CHARS, MAX_OPTIONS, MAX_QUESTION_CHARS, MIN_OPTIONS } from '../core/class-quiz/import.js';
import type { Question, QuestionText } from '../core/quiz/bank.js';
import type { ContentProblem } from './errors.js';
import { text } from './schema-parts.js';
import { parseJson, schemaProblems, type Read } from './source-lines.js';

const LETTERS = 'ABCDEFGH';

const QUESTION_TEXT = {
  question: text().refine((value) => value.length <= MAX_QUESTION_CHARS, `longer than ${MAX_QUESTION_CHARS} characters`),
  options: z
    .array(text().refine((value) => value.length <= MAX_OPTION_CHARS, `longer than ${MAX_OPTION_CHARS} characters (a chat button's label)`), {
      error: (issue) => (issue.input === undefined ? 'missing' : 'expected a list of options'),
    })
    .min(MIN_OPTIONS, `fewer than ${MIN_OPTIONS} options`)
    .max(MAX_OPTIONS, `more than ${MAX_OPTIONS} options`),
  explanations: z.array(text().refine((value) => value.length <= MAX_EXPLANATION_CHARS, `longer than ${MAX_EXPLANATION_CHARS} characters`), {
    error: (issue) => (issue.input === undefined ? 'missing: one explanation per option' : 'expected a list of explanations'),
  }),
};

const BANK_QUESTION = z
  .strictObject({
    id: text(),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'expected 1 (recall), 2 (apply) or 3 (reason about the mechanism)' }),
    ...QUESTION_TEXT,
    answer: z.union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'missing: the letter of the correct option (A–D)' : 'expected the letter of the correct option') }),
    zh: z.strictObject(QUESTION_TEXT, { error: (issue) => objectError(issue, 'the question in Chinese: { question, options, explanations }') }),
  }, { error: (issue) => objectError(issue, 'a question: { id, difficulty, question, options, answer, explanations, zh }') })
  .superRefine((question, context) => {
    const correct = answerIndex(question.answer);
    const last = LETTERS[question.options.length - 1] ?? '?';
    if (correct === undefined || correct >= question.options.length) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `"${question.answer}" names no option: the correct answer is a letter A–${last}` });
    }
    for (const [path, texts] of [[[], question], [['zh'], question.zh]] as const) {
      if (texts.explanations.length !== texts.options.length) {
        context.addIssue({ code: 'custom', path: [...path, 'explanations'], message: `${texts.explanations.length} explanations for ${texts.options.length} options: one per option` });
      }
      const seen = new Set(texts.options.map((option) => option.normalize('NFKC').toLowerCase()));
      if (seen.size !== texts.options.length) context.addIssue({ code: 'custom', path: [...path, 'options'], message: 'two options read the same' });
    }
    if (question.zh.options.length !== question.options.length) {
      context.addIssue({ code: 'custom', path: ['zh', 'options'], message: `${question.zh.options.length} options, the English has ${question.options.length}: the languages go option for option` });
    }
  });

/** "missing" or "expected …" when an object is not there; zod's own message for what is wrong inside one. */
function objectError(issue: { code?: string; input?: unknown }, expected: string): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? `missing: ${expected}` : `expected ${expected}`;
}

/** The 0-based option an answer names: a letter ("C", "c", "Ｃ") or a 1-based number, as /quiz import reads it. */
function answerIndex(answer: string | number): number | undefined {
  const value = String(answer).normalize('NFKC').trim().toUpperCase();
  if (/^[A-Z]$/.test(value)) return value.charCodeAt(0) - 'A'.charCodeAt(0);
  if (/^[1-9]\d*$/.test(value)) return Number(value) - 1;
  return undefined;
}

const textOf = (texts: { question: string; options: string[]; explanations: string[] }): QuestionText => ({
  question: texts.question,
  options: texts.options,
  explanations: texts.explanations,
});

export function readQuizFile(file: string, source: string): Read<Question[]> {
  const topic = basename(file, '.json');
  const parsed = parseJson(file, source);
  if ('problems' in parsed) return parsed;
  const { data, lineOf } = parsed.value;
  if (!Array.isArray(data)) return { problems: [{ file, line: 1, message: 'a quiz file is a JSON list of questions, as /quiz import reads' }] };
  const problems: ContentProblem[] = [];
  const questions: Question[] = [];
  data.forEach((item: unknown, index) => {
    const checked = BANK_QUESTION.safeParse(item);
    const named = (item as { id?: unknown } | null)?.id;
    const label = `question ${typeof named === 'string' && named !== '' ? named : `#${index + 1}`}: `;
    if (!checked.success) {
      problems.push(...schemaProblems(file, checked.error, (path) => lineOf([index, ...path]), label));
      return;
    }
    const question = checked.data;
    if (!new RegExp(`^${topic}-\\d+$`).test(question.id)) {
      problems.push({ file, line: lineOf([index, 'id']), message: `${label}id: a question of ${topic} is named ${topic}-<number>` });
    }
    if (questions.some((earlier) => earlier.id === question.id)) {
      problems.push({ file, line: lineOf([index, 'id']), message: `${label}duplicate id: another question of this file has it` });
    }
    questions.push({
      id: question.id,
      topic,
      correct: answerIndex(question.answer)!,
      difficulty: question.difficulty,
      text: { en: textOf(question), zh: textOf(question.zh) },
    });
  });
  return problems.length > 0 ? { problems } : { value: questions };
}
