/**
 * locales/uncovered-terms.yaml: terms of the field without a lesson yet, each with what students type for it and
 * the nearest lessons (which must be on the learning path).
 */
import { z } from 'zod';
import type { UncoveredTerm } from '../core/lessons/uncovered.js';
import type { ContentProblem } from './errors.js';
import { text, topicId } from './schema-parts.js';
import { parseYaml, schemaProblems, type Read } from './source-lines.js';

const TERM_LIST = z.array(
  z.strictObject({
    term: z.strictObject({ en: text(), zh: text() }),
    match: z.array(text()).min(1, 'list what students type for it'),
    nearest: z.array(topicId).min(1, 'name at least one nearest lesson').max(3, 'at most three nearest lessons'),
  }),
  { error: 'a list of terms: - term: { en: …, zh: … }' },
);

export function readUncoveredFile(file: string, source: string, onPath: ReadonlySet<string>): Read<UncoveredTerm[]> {
  const parsed = parseYaml(file, source);
  if ('problems' in parsed) return parsed;
  const { data, lineOf } = parsed.value;
  const checked = TERM_LIST.safeParse(data ?? []);
  if (!checked.success) return { problems: schemaProblems(file, checked.error, lineOf) };
  const problems: ContentProblem[] = [];
  checked.data.forEach((entry, index) => {
    entry.nearest.forEach((id, at) => {
      if (!onPath.has(id)) problems.push({ file, line: lineOf([index, 'nearest', at]), message: `${entry.term.en}: nearest names "${id}", which is not on the path` });
    });
    // A term that is also a lesson's topic would hide that lesson.
    if (onPath.has(entry.term.en.toLowerCase().replace(/\s+/g, '-'))) problems.push({ file, line: lineOf([index, 'term']), message: `${entry.term.en} has a lesson: remove it from this list` });
  });
  return problems.length > 0 ? { problems } : { value: checked.data };
}
