import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_QUESTIONS,
  parseQuestionFile,
} from '../../src/core/class-quiz/import.js';
import { ATTENTION, ATTENTION_ROW, csv, HEADER, json, problems, utf8 } from './quiz-import-fixtures.js';

describe('parseQuestionFile: good CSV', () => {
  it('reads English headers, explanations included', () => {
    const result = parseQuestionFile('class.csv', csv(HEADER, ATTENTION_ROW));
    expect(result).toEqual({ questions: [ATTENTION], errors: [] });
  });

  it('reads the Chinese headers (题目, 选项A…D, 答案, 解析A…D)', () => {
    const header = '题目,选项A,选项B,选项C,选项D,答案,解析A,解析B,解析C,解析D';
    const row = '“注意力”为每个词元计算什么？,值向量的加权和,直接算出下一个词元,排好序的词表,损失,A,正确：权重来自查询·键。,预测在最后一层之后。,没有排序。,损失只在训练时计算。';
    const result = parseQuestionFile('班级测验.csv', csv(header, row));
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      {
        question: '“注意力”为每个词元计算什么？',
        options: ['值向量的加权和', '直接算出下一个词元', '排好序的词表', '损失'],
        correct: 0,
        explanations: ['正确：权重来自查询·键。', '预测在最后一层之后。', '没有排序。', '损失只在训练时计算。'],
      },
    ]);
  });

  it('accepts a UTF-8 byte order mark and CRLF line endings (Excel’s “CSV UTF-8”)', () => {
    const bytes = utf8(`\ufeff${HEADER}\r\n${ATTENTION_ROW}\r\n`);
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseQuestionFile('class.csv', bytes)).toEqual({ questions: [ATTENTION], errors: [] });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const result = parseQuestionFile(
      'class.csv',
      utf8('question,a,b,c,d,answer\r\n"Which is right?\r\nRead carefully, then choose.","1,000 tokens","He said ""hi""",x,y,b\r\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions[0]).toEqual({
      question: 'Which is right?\nRead carefully, then choose.',
      options: ['1,000 tokens', 'He said "hi"', 'x', 'y'],
      correct: 1,
    });
  });

  it('reads 2-option true/false questions, with or without the c and d columns', () => {
    const withEmpty = parseQuestionFile('tf.csv', csv('question,a,b,c,d,answer', 'GPT reads text left to right.,True,False,,,A'));
    const without = parseQuestionFile('tf.csv', csv('question,a,b,answer', 'GPT reads text left to right.,True,False,1'));
    const expected = { question: 'GPT reads text left to right.', options: ['True', 'False'], correct: 0 };
    expect(withEmpty).toEqual({ questions: [expected], errors: [] });
    expect(without).toEqual({ questions: [expected], errors: [] });
  });

  it('reads the answer as a letter in any case (also full-width) or a number 1–4', () => {
    const rows = ['a', 'B', 'c', 'Ｄ', '1', '4', ' 2 '].map((answer, i) => `Q${i},w,x,y,z,${answer}`);
    const result = parseQuestionFile('class.csv', csv('question,a,b,c,d,answer', ...rows));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((question) => question.correct)).toEqual([0, 1, 2, 3, 0, 3, 1]);
  });

  it('matches column names in any case and order, ignores other columns and blank rows', () => {
    const result = parseQuestionFile(
      'class.csv',
      csv('Topic,Answer,B,A,Question,Notes', 'attention,B,right,wrong,Pick the right one,for me', ',,,,,', '', 'x,a,yes,no,Second,'),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      { question: 'Pick the right one', options: ['wrong', 'right'], correct: 1 },
      { question: 'Second', options: ['no', 'yes'], correct: 0 },
    ]);
  });

  it('reads semicolon-separated files (spreadsheets in some locales export them)', () => {
    const result = parseQuestionFile('class.csv', csv('question;a;b;answer', 'Is 1,5 a number?;yes;no;A'));
    expect(result).toEqual({ questions: [{ question: 'Is 1,5 a number?', options: ['yes', 'no'], correct: 0 }], errors: [] });
  });

  it('strips control and bidi-override characters and trims, keeping the text plain (not escaped)', () => {
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', '"  Is <b>this</b> **bold**?\u0007 ",\u202Eyes\u202C,"  no\u0000  ",a'));
    // A NUL inside the text makes it binary; the same file without it imports with the text cleaned.
    expect(problems(result)).toEqual([{ row: undefined, field: undefined, code: 'file_binary' }]);
    const clean = parseQuestionFile('class.csv', csv('question,a,b,answer', '"  Is <b>this</b> **bold**?\u0007 ",\u202Eyes\u202C,"  no\t ",a'));
    expect(clean.questions).toEqual([{ question: 'Is <b>this</b> **bold**?', options: ['yes', 'no'], correct: 0 }]);
  });

  it('imports exactly MAX_IMPORT_QUESTIONS questions', () => {
    const rows = Array.from({ length: MAX_IMPORT_QUESTIONS }, (_, i) => `Question ${i + 1},yes,no,A`);
    const result = parseQuestionFile('class.csv', csv('question,a,b,answer', ...rows));
    expect(result.errors).toEqual([]);
    expect(result.questions).toHaveLength(500);
  });

  it('imports a file of exactly MAX_IMPORT_BYTES bytes', () => {
    const head = 'question,a,b,answer,notes\nQ,yes,no,A,';
    const bytes = utf8(head + 'n'.repeat(MAX_IMPORT_BYTES - head.length));
    expect(bytes.byteLength).toBe(MAX_IMPORT_BYTES);
    expect(parseQuestionFile('class.csv', bytes).questions).toHaveLength(1);
  });
});

describe('parseQuestionFile: good JSON', () => {
  const file = [
    {
      question: ATTENTION.question,
      options: ATTENTION.options,
      answer: 'a',
      explanations: ATTENTION.explanations,
    },
    { question: 'GPT reads text left to right.', options: ['True', 'False'], answer: 2 },
  ];
  const expected = [ATTENTION, { question: 'GPT reads text left to right.', options: ['True', 'False'], correct: 1 }];

  it('reads an array of questions with letter or 1-based number answers', () => {
    expect(parseQuestionFile('class.json', json(file))).toEqual({ questions: expected, errors: [] });
  });

  it('sniffs JSON and CSV when the name says neither', () => {
    expect(parseQuestionFile('questions.txt', json(file)).questions).toEqual(expected);
    expect(parseQuestionFile('', utf8(`\ufeff  ${JSON.stringify(file)}`)).questions).toEqual(expected);
    expect(parseQuestionFile('questions', csv(HEADER, ATTENTION_ROW)).questions).toEqual([ATTENTION]);
  });

  it('replaces lone surrogates (JSON "\\ud800" escapes) with U+FFFD: what it imports can be stored and posted', () => {
    // JSON.stringify writes a lone surrogate as the escape a teacher's file would carry.
    const bytes = json([{ question: 'Half an emoji: \ud83d', options: ['\udc00x', 'y\ud800'], answer: 'a', explanations: ['\ud800', 'ok'] }]);
    expect(new TextDecoder().decode(bytes)).toContain('\\ud83d');
    const result = parseQuestionFile('class.json', bytes);
    expect(result).toEqual({
      questions: [{ question: 'Half an emoji: \ufffd', options: ['\ufffdx', 'y\ufffd'], correct: 0, explanations: ['\ufffd', 'ok'] }],
      errors: [],
    });
  });
});

describe('README', () => {
  it('documents formats whose examples import as they are', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('### Importing your own questions');
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    const examples = [...section.matchAll(/```(csv|json)\n([\s\S]*?)```/g)];
    expect(examples.map(([, format]) => format)).toEqual(['csv', 'csv', 'json']);
    for (const [, format, body] of examples) {
      const result = parseQuestionFile(`example.${format}`, utf8(body ?? ''));
      expect(result.errors, format).toEqual([]);
      expect(result.questions.length, format).toBeGreaterThan(0);
    }
  });
});
