import { describe, expect, it } from 'vitest';
import {
  describeImportProblems,
  IMPORT_ERROR_CODES,
  MAX_EXPLANATION_CHARS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_QUESTIONS,
  MAX_OPTION_CHARS,
  MAX_QUESTION_CHARS,
  MAX_REPORT_CHARS,
  MAX_REPORTED_PROBLEMS,
  parseQuestionFile,
} from '../../src/core/class-quiz/import.js';
import { en } from '../../locales/en/ui.js';
import { zh } from '../../locales/zh/ui.js';
import { ATTENTION, ATTENTION_ROW, csv, HEADER, json, problems, utf8 } from './quiz-import-fixtures.js';

describe('parseQuestionFile: bad files', () => {
  it('names the missing columns and the ones it found, once, for the whole file', () => {
    const result = parseQuestionFile('class.csv', csv('Question,Option 1,Option 2,Correct', 'Q,x,y,A'));
    expect(problems(result)).toEqual([{ row: undefined, field: undefined, code: 'missing_columns' }]);
    expect(result.errors[0]?.params).toEqual({ missing: 'a (选项A), b (选项B)', found: 'Question, Option 1, Option 2, Correct' });
    expect(result.questions).toEqual([]);
  });

  it('refuses a header that names a column twice', () => {
    const result = parseQuestionFile('class.csv', csv('question,题目,a,b,answer', 'Q,Q,x,y,A'));
    expect(result.errors).toEqual([{ code: 'duplicate_column', params: { column: '题目' } }]);
  });

  it('refuses 5 options, naming the row (an e column in CSV, a fifth option in JSON)', () => {
    const result = parseQuestionFile(
      'class.csv',
      csv('question,a,b,c,d,e,answer', 'Four,1,2,3,4,,A', 'Five,1,2,3,4,5,A', 'Four again,1,2,3,4,,D'),
    );
    expect(problems(result)).toEqual([{ row: 2, field: 'options', code: 'too_many_options' }]);
    expect(result.errors[0]?.params).toEqual({ count: 5 });
    expect(result.questions).toEqual([]);

    const fromJson = parseQuestionFile('class.json', json([
      { question: 'Two', options: ['1', '2'], answer: 1 },
      { question: 'Two', options: ['1', '2'], answer: 1 },
      { question: 'Five', options: ['1', '2', '3', '4', '5'], answer: 1 },
    ]));
    expect(problems(fromJson)).toEqual([{ row: 3, field: 'options', code: 'too_many_options' }]);
  });

  it('refuses an empty question (also one of only spaces and control characters)', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', 'Fine,x,y,A', 'Fine too,x,y,B', ',x,y,A', '" \u0007 ",x,y,A'));
    expect(problems(result)).toEqual([
      { row: 3, field: 'question', code: 'question_empty' },
      { row: 4, field: 'question', code: 'question_empty' },
    ]);
  });

  it(`refuses more than MAX_IMPORT_QUESTIONS (${MAX_IMPORT_QUESTIONS}) questions`, () => {
    const rows = Array.from({ length: MAX_IMPORT_QUESTIONS + 1 }, (_, i) => `Question ${i + 1},yes,no,A`);
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', ...rows));
    expect(result.errors).toEqual([{ code: 'too_many_questions', params: { count: 501, max: 500 } }]);
    expect(result.questions).toEqual([]);
    const fromJson = parseQuestionFile('class.json', json(Array.from({ length: 501 }, () => ({ question: 'Q', options: ['a', 'b'], answer: 1 }))));
    expect(problems(fromJson)).toEqual([{ row: undefined, field: undefined, code: 'too_many_questions' }]);
  });

  it(`refuses a file over MAX_IMPORT_BYTES (${MAX_IMPORT_BYTES}) before reading it`, () => {
    // NUL bytes would be "binary": being told "too large" shows the size is checked first.
    const result = parseQuestionFile('class.csv', new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(result.errors).toEqual([
      { code: 'file_too_large', params: { size: '1.0 MB', max: '1 MB', bytes: MAX_IMPORT_BYTES + 1, maxBytes: MAX_IMPORT_BYTES } },
    ]);
    const big = parseQuestionFile('class.csv', utf8('question,a,b,answer\n' + 'Q,yes,no,A\n'.repeat(150_000)));
    expect(problems(big)).toEqual([{ row: undefined, field: undefined, code: 'file_too_large' }]);
    expect(big.errors[0]?.params?.size).toBe('1.6 MB');
  });

  it('refuses binary junk: a PNG, random bytes with NULs, a spreadsheet', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >> 16) & 0xff);
    random[100] = 0;
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    for (const [name, bytes] of [['questions.csv', png], ['questions.json', random], ['questions.xlsx', xlsx]] as const) {
      expect(parseQuestionFile(name, bytes), name).toEqual({ questions: [], errors: [{ code: 'file_binary' }] });
    }
  });

  it('refuses text that is not UTF-8: invalid bytes, a GBK export, UTF-16', () => {
    const invalid = new Uint8Array([...utf8('question,a,b,answer\nQ,'), 0xc3, 0x28, ...utf8(',y,A\n')]);
    const gbk = new Uint8Array([0xcc, 0xe2, 0xc4, 0xbf, 0x2c, 0xd1, 0xa1, 0xcf, 0xee, 0x41, 0x0a]); // 题目,选项A in GBK
    const utf16 = new Uint8Array([0xff, 0xfe, 0x71, 0x00, 0x75, 0x00]);
    for (const bytes of [invalid, gbk, utf16]) {
      expect(parseQuestionFile('class.csv', bytes)).toEqual({ questions: [], errors: [{ code: 'file_not_utf8' }] });
    }
  });

  it('refuses an answer out of range, naming the row and the range', () => {
    const result = parseQuestionFile(
      'class.csv',
      csv('question,a,b,c,d,answer', 'Three options,x,y,z,,D', 'Four options,w,x,y,z,E', 'Number,w,x,y,z,5', 'Zero,w,x,y,z,0', 'Words,w,x,y,z,maybe', 'None,w,x,y,z,'),
    );
    expect(result.errors).toEqual([
      { row: 1, field: 'answer', code: 'answer_out_of_range', params: { value: 'D', last: 'C', count: 3 } },
      { row: 2, field: 'answer', code: 'answer_out_of_range', params: { value: 'E', last: 'D', count: 4 } },
      { row: 3, field: 'answer', code: 'answer_out_of_range', params: { value: '5', last: 'D', count: 4 } },
      { row: 4, field: 'answer', code: 'answer_out_of_range', params: { value: '0', last: 'D', count: 4 } },
      { row: 5, field: 'answer', code: 'answer_invalid', params: { value: 'maybe', last: 'D', count: 4 } },
      { row: 6, field: 'answer', code: 'answer_missing' },
    ]);
  });

  it('refuses duplicate options (same text up to case and spacing)', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,c,d,answer', 'Capital?,Paris,London,"  paris ",Rome,A'));
    expect(result.errors).toEqual([{ row: 1, field: 'c', code: 'options_duplicate', params: { other: 'A' } }]);
  });

  it('refuses an over-long option, question or explanation, and accepts the limits exactly', () => {
    const atLimit = `Q,${'x'.repeat(MAX_OPTION_CHARS)},y,A`;
    const overOption = `Q,x,${'y'.repeat(MAX_OPTION_CHARS + 1)},A`;
    const overQuestion = `${'q'.repeat(MAX_QUESTION_CHARS + 1)},x,y,A`;
    expect(parseQuestionFile('class.csv', csv('question,a,b,answer', atLimit)).errors).toEqual([]);
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', atLimit, overOption, overQuestion));
    expect(result.errors).toEqual([
      { row: 2, field: 'b', code: 'option_too_long', params: { length: 81, max: 80 } },
      { row: 3, field: 'question', code: 'question_too_long', params: { length: 301, max: 300 } },
    ]);
    const explanation = parseQuestionFile('class.csv', csv('question,a,b,answer,explanation_b', `Q,x,y,A,${'e'.repeat(MAX_EXPLANATION_CHARS + 1)}`));
    expect(explanation.errors).toEqual([{ row: 1, field: 'explanation_b', code: 'explanation_too_long', params: { length: 201, max: 200 } }]);
  });

  it('refuses a gap between options, and an explanation of an option that is not there', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,c,d,answer,explanation_d', 'Gap,x,,z,,A,', 'Lonely,x,y,,,A,why D'));
    expect(problems(result)).toEqual([
      { row: 1, field: 'b', code: 'option_missing' },
      { row: 2, field: 'explanation_d', code: 'explanation_without_option' },
    ]);
  });

  it('tells an unquoted comma from a column: a row with more cells than the header', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', 'Is 1,000 big?,yes,no,A'));
    expect(result.errors).toEqual([{ row: 1, code: 'too_many_fields', params: { count: 5, columns: 4 } }]);
  });

  it('reports a quote that is never closed with its line', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', 'Q,x,y,A', '"Open,x,y,A', 'Q,x,y,A'));
    expect(problems(result)).toEqual([{ row: undefined, field: undefined, code: 'csv_malformed' }]);
    expect(result.errors[0]?.params?.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses an empty file, a header alone, an empty JSON array', () => {
    expect(parseQuestionFile('class.csv', new Uint8Array()).errors).toEqual([{ code: 'file_empty' }]);
    expect(parseQuestionFile('class.csv', utf8(' \n\n')).errors).toEqual([{ code: 'file_empty' }]);
    expect(parseQuestionFile('class.csv', csv('question,a,b,answer', '', ',,,')).errors).toEqual([{ code: 'no_questions' }]);
    expect(parseQuestionFile('class.json', utf8('[]')).errors).toEqual([{ code: 'no_questions' }]);
  });

  it('reports JSON syntax errors with a line and column, and a JSON that is not an array', () => {
    const broken = parseQuestionFile('class.json', utf8('[\n  { "question": "Q", "options": ["a", "b"] "answer": 1 }\n]'));
    expect(broken.errors).toEqual([{ code: 'json_malformed', params: { line: 2, column: 44 } }]);
    expect(parseQuestionFile('class.json', utf8('{ "question": "Q" }')).errors).toEqual([{ code: 'json_not_array' }]);
  });

  it('reports wrong JSON types per element without repeating them as empty', () => {
    const result = parseQuestionFile('class.json', json([
      'What is GPT?',
      { question: ['Q'], options: 'a,b', answer: 'A' },
      { question: 'Q', options: ['a', { text: 'b' }], answer: 1 },
      { question: 'Q', options: ['a', 'b', 'c'], answer: 'C', explanations: ['only one'] },
      { question: 'Q', options: ['a'], answer: 1 },
      { question: 'Q', answer: 1 },
    ]));
    expect(problems(result)).toEqual([
      { row: 1, field: undefined, code: 'not_an_object' },
      { row: 2, field: 'question', code: 'not_text' },
      { row: 2, field: 'options', code: 'not_a_list' },
      { row: 3, field: 'b', code: 'not_text' },
      { row: 4, field: 'explanations', code: 'explanations_mismatch' },
      { row: 5, field: 'options', code: 'too_few_options' },
      { row: 6, field: 'options', code: 'too_few_options' },
    ]);
  });

  it('collects every bad row of a file and imports nothing, even its good rows', () => {
    const rows = ['Good,x,y,A', ',x,y,A', 'Good,x,y,A', 'Bad answer,x,y,C', '', 'Dup,x,x,A'];
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', ...rows));
    // Row 5 is blank and skipped, but still counted: row N is the N-th row under the header, as a spreadsheet shows.
    expect(problems(result)).toEqual([
      { row: 2, field: 'question', code: 'question_empty' },
      { row: 4, field: 'answer', code: 'answer_out_of_range' },
      { row: 6, field: 'b', code: 'options_duplicate' },
    ]);
    expect(result.questions).toEqual([]);
  });

  it(`lists at most MAX_REPORTED_PROBLEMS (${MAX_REPORTED_PROBLEMS}) problems and counts the rest`, () => {
    const rows = Array.from({ length: 120 }, () => ',x,y,A');
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', ...rows));
    expect(result.errors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(result.errors.at(-2)).toEqual({ row: 50, field: 'question', code: 'question_empty' });
    expect(result.errors.at(-1)).toEqual({ code: 'more_problems', params: { count: 70 } });
  });
});

describe('describeImportProblems', () => {
  const bad = parseQuestionFile('class.csv', csv('question,a,b,c,d,answer', 'Good,w,x,y,z,A', 'Good,w,x,y,z,B', 'Bad,w,x,y,z,E', ',w,x,y,z,A'));

  it('reports success with the number of questions', () => {
    const good = parseQuestionFile('class.csv', csv(HEADER, ATTENTION_ROW, ATTENTION_ROW.replace('each token', 'every token')));
    expect(describeImportProblems('en', good)).toBe('Imported **2** questions.');
    expect(describeImportProblems('zh', good)).toBe('已导入 **2** 道题。');
    expect(describeImportProblems('en', { questions: [ATTENTION], errors: [] })).toBe('Imported **1** question.');
  });

  it('says nothing was imported and names each row and field, in English', () => {
    const report = describeImportProblems('en', bad);
    expect(report.split('\n')).toEqual([
      expect.stringContaining('Nothing imported'),
      '- Row 3, answer: “E” names no option: this question has options A–D (1–4).',
      '- Row 4, question: is empty.',
    ]);
  });

  it('says the same in Chinese', () => {
    const report = describeImportProblems('zh', bad);
    expect(report).toContain('没有导入任何题目');
    expect(report).toContain('第 3 行，答案：“E”没有对应的选项');
    expect(report).toContain('第 4 行，题目：是空的。');
    expect(report).not.toMatch(/Row|answer:|\{\{/);
  });

  it('gives every problem code a message in both languages', () => {
    for (const code of IMPORT_ERROR_CODES) {
      expect(en.quizImport.problem[code], code).toBeTruthy();
      expect(zh.quizImport.problem[code], code).toBeTruthy();
    }
  });

  it(`stays within MAX_REPORT_CHARS (${MAX_REPORT_CHARS}) and counts what it leaves out`, () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${'q'.repeat(301)},x,${i % 2 ? 'x' : 'y'.repeat(81)},Z`);
    const many = parseQuestionFile('class.csv', csv('question,a,b,answer', ...rows));
    for (const locale of ['en', 'zh', 'zh-Hant'] as const) {
      const report = describeImportProblems(locale, many);
      expect(report.length, locale).toBeLessThanOrEqual(MAX_REPORT_CHARS);
      const lines = report.split('\n');
      const listed = lines.filter((line) => line.startsWith('- ')).length;
      const more = Number(/(\d+)/.exec(lines.at(-1) ?? '')?.[1]);
      // 3 problems a row (question, option B or duplicate, answer) × 120 rows, listed or counted: none lost.
      expect(listed + more, locale).toBe(360);
      expect(report, locale).toMatch(locale === 'en' ? /^- Row 1, question: is 301 characters long/m : /^- 第 1 行，题目：长 301 个字符/m);
    }
  });

  it('escapes the teacher’s text so it renders literally', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', 'Q,x,y,**B**'));
    expect(describeImportProblems('en', result)).toContain('“\\*\\*B\\*\\*” is neither a letter A–B nor a number 1–2.');
  });
});
