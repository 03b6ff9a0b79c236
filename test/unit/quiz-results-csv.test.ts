/**
 * The class quiz results CSV: a student's display name (or an imported question) must never run as a formula in a
 * spreadsheet, whichever list separator its locale splits at, and bidi controls in a name must not reorder the row.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, resultsCsv } from '../../src/core/class-quiz/render.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import { quizBank } from '../../src/main/create-services.js';

function quizWith(names: string[], question = 'Q'): ClassQuiz {
  return {
    id: 'csvQuiz',
    platform: 'telegram',
    chatId: 'c',
    chatKey: 'telegram:c',
    locale: 'en',
    starterId: 't',
    outbox: 'outbox-telegram',
    title: 'csv',
    scoring: 'plain',
    secondsPerQuestion: 20,
    items: [{ custom: { question, options: ['=1+1', 'b'], correct: 1 } }],
    phase: 'finished',
    index: 0,
    standings: names.map((name, i) => ({ userId: `u${i}`, name, points: 0, correct: 0, answered: 1, streak: 0, correctMs: 0 })),
    history: [names.map((_, i) => ({ userId: `u${i}`, option: 0, ms: 1200, correct: false, points: 0 }))],
    startedAt: 0,
    version: 1,
  };
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** The fields a spreadsheet would see if it split every line at `separator`, ignoring quotes. */
const naiveFields = (csv: string, separator: string) =>
  csv
    .split(/\r\n|\n|\r/)
    .flatMap((line) => line.split(separator))
    .map((field) => field.replace(/^"/, ''));

describe('resultsCsv', () => {
  it('quotes every cell and neutralises a formula after a semicolon ("x;=1+1;y" in a name)', () => {
    const csv = resultsCsv(quizWith(['x;=1+1;y', '=HYPERLINK("http://x","y")', '@SUM(A1)', '-2+3', '\t=1', 'Ann']), quizBank());
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('"student","question","answer","correct","ms","points"');
    expect(rows[1]).toBe(`"x;'=1+1;y","1. Q","A. =1+1","no","1200","0"`);
    expect(rows[6]).toBe('"Ann","1. Q","A. =1+1","no","1200","0"');
    for (const separator of [',', ';', '\t']) {
      for (const field of naiveFields(csv, separator)) expect(field, `split at ${JSON.stringify(separator)}`).not.toMatch(FORMULA_START);
    }
    // A comma-reading program gets the text back, a `'` before each would-be formula.
    const records = parse(csv, { bom: true }) as string[][];
    expect(records.slice(1).map((record) => record[0])).toEqual(["x;'=1+1;y", `'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'-2+3", "'=1", 'Ann']);
  });

  it('strips bidi controls (overrides, isolates, marks, the Arabic letter mark) from names', () => {
    const csv = resultsCsv(quizWith(['\u202Eevil\u202C', 'a\u2066b\u2069\u200E\u200F\u061Cc']), quizBank());
    const records = parse(csv) as string[][];
    expect(records.slice(1).map((record) => record[0])).toEqual(['evil', 'abc']);
  });

  it('a name that is only control characters shows the user id', () => {
    expect((parse(resultsCsv(quizWith(['\u202E\u0007']), quizBank())) as string[][])[1]![0]).toBe('u0');
  });

  it('csvCell: quotes doubled, well-formed, line breaks kept inside the quotes', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('half \ud83d')).toBe('"half \ufffd"');
    expect(csvCell('a\n+b\r\n-c')).toBe(`"a\n'+b\r\n'-c"`);
    expect(csvCell('well-known, a - b')).toBe('"well-known, a - b"');
  });
});
