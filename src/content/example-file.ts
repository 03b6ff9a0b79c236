/**
 * A worked example, locales/examples/<topic>.yaml: the numbers a lesson prints, kept as data so a test can recompute
 * them (worked-example.test.ts). The same numbers in every language; attached to each language's lesson of the topic.
 */
import { z } from 'zod';
import type { AttentionExample } from '../core/lessons/types.js';
import { parseYaml, schemaProblems, type Read } from './source-lines.js';

const MATRIX = z.array(z.array(z.number({ error: 'expected a number' }), { error: 'expected a row: [1, 0]' }).min(1, 'an empty row'), {
  error: (issue) => (issue.input === undefined ? 'missing' : 'expected a list of rows: [[1, 0], [0, 1]]'),
}).min(1, 'no rows');

const ATTENTION_EXAMPLE = z.strictObject({
  q: MATRIX,
  k: MATRIX,
  v: MATRIX,
  scaledScores: MATRIX,
  weights: MATRIX,
  output: MATRIX,
  decimals: z.int({ error: 'expected a whole number of decimal places' }).min(0).max(6),
});

export function readExampleFile(file: string, source: string): Read<AttentionExample> {
  const parsed = parseYaml(file, source);
  if ('problems' in parsed) return parsed;
  const checked = ATTENTION_EXAMPLE.safeParse(parsed.value.data ?? {});
  return checked.success ? { value: checked.data } : { problems: schemaProblems(file, checked.error, parsed.value.lineOf) };
}
