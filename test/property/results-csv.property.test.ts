/**
 * The results CSV with any names, questions and options: never throws, every cell quoted and read back by a CSV
 * parser as written, and no field a spreadsheet could cut out of a line (at `,` `;` tab or a line break) starts a
 * formula.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultsCsv } from '../../src/core/class-quiz/render.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import type { QuizBank } from '../../src/core/quiz/bank.js';
import { wellFormed as toWellFormed } from '../../src/core/well-formed.js';
import { RUNS, text, wellFormed } from './arbitraries.js';

/** The quiz holds only its own (imported) questions: the bank is never asked. */
const BANK = { get: () => undefined } as unknown as QuizBank;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const FORMULA_START = /^[=+\-@\t\r]/;

interface Case {
  names: string[];
  question: string;
  options: string[];
}

function quizOf({ names, question, options }: Case): ClassQuiz {
  return {
    id: 'propQuiz',
    platform: 'discord',
    chatId: 'c',
    chatKey: 'discord:c',
    locale: 'en',
    starterId: 't',
    outbox: 'outbox-discord',
    title: 't',
    scoring: 'speed',
    secondsPerQuestion: 20,
    items: [{ custom: { question, options, correct: 0 } }],
    phase: 'finished',
    index: 0,
    standings: names.map((name, i) => ({ userId: `u${i}`, name, points: i, correct: 0, answered: 1, streak: 0, correctMs: 0 })),
    history: [names.map((_, i) => ({ userId: `u${i}`, option: i % options.length, ms: 100 * i, correct: i % options.length === 0, points: i }))],
    startedAt: 0,
    version: 1,
  };
}

const quizCase: fc.Arbitrary<Case> = fc.record({
  names: fc.array(text(10), { minLength: 1, maxLength: 8 }),
  question: text(20),
  options: fc.array(text(5), { minLength: 2, maxLength: 4 }),
});
/** Undoes the `'` the export puts before a formula trigger that could start a field. */
const unneutralise = (cell: string) => cell.replace(/(^|[,;\t\r\n])'(?=[=+\-@\t\r])/g, '$1');
const bidiFree = (value: string) => value.replace(new RegExp(BIDI.source, 'g'), '');

describe('resultsCsv (property)', () => {
  it('every cell quoted and parsed back as written; no field a spreadsheet could split out starts a formula', () => {
    fc.assert(
      fc.property(quizCase, (quizData) => {
        const csv = resultsCsv(quizOf(quizData), BANK);
        expect(wellFormed(csv)).toBe(true);
        const records = parse(csv, { relax_column_count: false }) as string[][];
        expect(records).toHaveLength(1 + quizData.names.length);
        for (const record of records) expect(record).toHaveLength(6);
        for (const [name] of records.slice(1)) {
          expect(name).not.toMatch(BIDI);
          expect(name).not.toBe('');
        }
        // A question without `'`: what a CSV reader gets is the text, a `'` before each would-be formula aside.
        if (!quizData.question.includes("'")) {
          for (const record of records.slice(1)) expect(unneutralise(record[1]!)).toBe(bidiFree(toWellFormed(`1. ${quizData.question}`)));
        }
        for (const separator of [',', ';', '\t']) {
          const fields = csv.split(/\r\n|\n|\r/).flatMap((line) => line.split(separator));
          // A field's opening quote aside (a program that honours quotes reads what follows as text).
          for (const field of fields) expect(field.replace(/^"/, ''), `split at ${JSON.stringify(separator)}`).not.toMatch(FORMULA_START);
        }
      }),
      { numRuns: RUNS.normal },
    );
  });
});
