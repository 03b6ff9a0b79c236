/**
 * The quiz import parser on any bytes and any text: never throws, what it imports is within every limit and
 * well-formed, its report fits a message, and questions written out as JSON or CSV come back as they were.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeImportProblems,
  MAX_EXPLANATION_CHARS,
  MAX_OPTION_CHARS,
  MAX_OPTIONS,
  MAX_QUESTION_CHARS,
  MAX_REPORT_CHARS,
  MIN_OPTIONS,
  parseQuestionFile,
  type CustomQuestion,
  type ImportResult,
} from '../../src/core/class-quiz/import.js';
import { RUNS, text, wellFormed } from './arbitraries.js';

const utf8 = (value: string) => new TextEncoder().encode(value);
const sameKey = (value: string) => value.normalize('NFKC').toLowerCase();

function expectSound(result: ImportResult): void {
  if (result.errors.length > 0) expect(result.questions).toEqual([]);
  for (const question of result.questions) {
    const texts = [question.question, ...question.options, ...(question.explanations ?? [])];
    for (const value of texts) expect(wellFormed(value), JSON.stringify(value)).toBe(true);
    expect(question.question.length).toBeGreaterThan(0);
    expect(question.question.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(question.options.length).toBeGreaterThanOrEqual(MIN_OPTIONS);
    expect(question.options.length).toBeLessThanOrEqual(MAX_OPTIONS);
    for (const option of question.options) {
      expect(option.length).toBeGreaterThan(0);
      expect(option.length).toBeLessThanOrEqual(MAX_OPTION_CHARS);
      expect(option).not.toMatch(/\n/);
    }
    expect(new Set(question.options.map(sameKey)).size).toBe(question.options.length);
    expect(question.correct).toBeGreaterThanOrEqual(0);
    expect(question.correct).toBeLessThan(question.options.length);
    if (question.explanations) {
      expect(question.explanations).toHaveLength(question.options.length);
      for (const explanation of question.explanations) expect(explanation.length).toBeLessThanOrEqual(MAX_EXPLANATION_CHARS);
    }
  }
  for (const locale of ['en', 'zh'] as const) {
    const report = describeImportProblems(locale, result);
    expect(report.length).toBeLessThanOrEqual(MAX_REPORT_CHARS);
    expect(wellFormed(report)).toBe(true);
  }
}

const fileName = fc.constantFrom('class.csv', 'class.json', 'questions.txt', '', 'x.CSV');
/** A CSV cell as a spreadsheet writes it: quoted when it must be. */
const csvCell = (value: string) => (/[",;\t\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);
/** JSON-ish and CSV-ish text, often close to a valid file. */
const fileText = fc.oneof(
  text(60),
  fc.array(fc.array(text(6), { maxLength: 7 }), { maxLength: 8 }).map((rows) => ['question,a,b,c,d,answer,explanation_a', ...rows.map((row) => row.map(csvCell).join(','))].join('\n')),
  fc.array(fc.record({ question: text(8), options: fc.array(fc.oneof(text(4), fc.integer(), fc.constant(null)), { maxLength: 6 }), answer: fc.oneof(text(2), fc.integer({ min: -1, max: 6 })) }), { maxLength: 6 }).map((rows) =>
    JSON.stringify(rows),
  ),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  // Nearly right, so that many import: the checks on imported questions then see lone surrogates, markup, limits.
  fc
    .array(
      fc.integer({ min: 2, max: 4 }).chain((count) =>
        fc.record({ question: text(20, 1), options: fc.array(text(3, 1), { minLength: count, maxLength: count }), answer: fc.constantFrom('a', 'B', 1, 2, 'Ｂ'), explanations: fc.array(text(5), { minLength: count, maxLength: count }) }),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((rows) => JSON.stringify(rows)),
);

describe('parseQuestionFile (property)', () => {
  it('any bytes: never throws, and a result is all or nothing', () => {
    fc.assert(
      fc.property(fileName, fc.uint8Array({ maxLength: 300 }), (name, bytes) => expectSound(parseQuestionFile(name, bytes))),
      { numRuns: RUNS.normal },
    );
  });

  it('any text (lone surrogates escaped in JSON too): imports only sound, well-formed questions', () => {
    fc.assert(
      fc.property(fileName, fileText, (name, content) => expectSound(parseQuestionFile(name, utf8(content)))),
      { numRuns: RUNS.normal },
    );
  });

  // Text as the parser leaves it (no control characters, single spaces, no edge spaces), so it can come back equal.
  const WORD_CHARS = [...'abxyzABXYZ019àéÿ中文,;"\'=+@&<>*`?.-', '😀', '👍'];
  const word = fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
  // At most 12 words of 8 characters of 2 UTF-16 units and the spaces: every line is within its field's limit.
  const line = (maxWords: number) => fc.array(word, { minLength: 1, maxLength: maxWords }).map((words) => words.join(' '));
  const question: fc.Arbitrary<CustomQuestion> = fc
    .tuple(line(12), fc.uniqueArray(line(4), { minLength: MIN_OPTIONS, maxLength: MAX_OPTIONS, selector: sameKey }), fc.nat(), fc.option(fc.array(line(6), { minLength: 4, maxLength: 4 }), { nil: undefined }))
    .map(([text, options, correct, explanations]) => ({ question: text, options, correct: correct % options.length, ...(explanations ? { explanations: explanations.slice(0, options.length) } : {}) }));

  it('questions written as JSON come back as they were (round trip)', () => {
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 5 }), (questions) => {
        const file = questions.map(({ question: text, options, correct, explanations }) => ({ question: text, options, answer: 'ABCD'[correct], explanations }));
        expect(parseQuestionFile('set.json', utf8(JSON.stringify(file)))).toEqual({ questions, errors: [] });
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('questions written as CSV (comma or semicolon) come back as they were (round trip)', () => {
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 5 }), fc.constantFrom(',', ';'), (questions, separator) => {
        const header = ['question', 'a', 'b', 'c', 'd', 'answer', 'explanation_a', 'explanation_b', 'explanation_c', 'explanation_d'];
        const rows = questions.map(({ question: text, options, correct, explanations }) => {
          const slots = (values: readonly string[]) => [0, 1, 2, 3].map((slot) => values[slot] ?? '');
          return [text, ...slots(options), 'ABCD'[correct]!, ...slots(explanations ?? [])];
        });
        const csv = [header, ...rows].map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(separator)).join('\r\n');
        // CSV has no "no explanations" apart from empty cells: an unexplained question comes back without them.
        expect(parseQuestionFile('set.csv', utf8(csv))).toEqual({ questions, errors: [] });
      }),
      { numRuns: RUNS.normal },
    );
  });
});
