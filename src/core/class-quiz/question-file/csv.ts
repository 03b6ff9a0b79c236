/**
 * A CSV question file → raw rows: headers in English or Chinese (`question` / `题目`, `a` / `选项A`, `answer` /
 * `答案`, `explanation_a` / `解析A`…), comma, semicolon or tab delimited, blank rows skipped but counted.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { quote } from './check.js';
import { LETTERS, type ImportProblem, type RawRow, type ReadRow } from './types.js';

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

export function readCsv(text: string): ReadRow[] | ImportProblem {
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
