/**
 * A JSON question file → raw rows: an array of `{ question, options: [...], answer, explanations?: [...] }`, with
 * wrong types reported per field and a syntax error placed at its line and column.
 */
import { wellFormedDeep } from '../../well-formed.js';
import { checkProblems } from './check.js';
import { letter, type ImportProblem, type RawRow, type ReadRow } from './types.js';

export function readJson(source: string): ReadRow[] | ImportProblem {
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
