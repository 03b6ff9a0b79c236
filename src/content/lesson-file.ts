/**
 * One lesson file, locales/<lang>/lessons/<topic>.md: YAML front matter (title, summary, keywords, facts) between
 * two `---` lines, then one `## kid`, `## beginner` and `## expert` section, each the Markdown of that level as the
 * tutor sends it (the small subset of src/core/markdown.ts). The text of a level is kept byte for byte, but for the
 * blank lines around it.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { LEVELS, type Level, type LessonText } from '../core/lessons/types.js';
import type { ContentProblem } from './errors.js';
import { text, TOPIC_ID } from './schema-parts.js';
import { parseYaml, schemaProblems, type Read } from './source-lines.js';

export interface LessonFile {
  topic: string;
  lesson: LessonText;
  /** What every level must state, as patterns (lessons.test.ts checks each level against them). */
  facts: RegExp[];
}

/**
 * A key fact as written in the front matter: `/regular expression/flags`, or plain words matched anywhere, in any
 * case. A string is the problem when it is neither.
 */
export function factPattern(written: string): RegExp | string {
  const literal = /^\/(.+)\/([dgimsuvy]*)$/s.exec(written);
  if (!literal) return new RegExp(written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  try {
    return new RegExp(literal[1]!, literal[2]);
  } catch (error) {
    return `not a regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const fact = z.string({ error: 'expected text: words, or a /regular expression/' }).transform((written, context) => {
  const pattern = factPattern(written);
  if (typeof pattern !== 'string') return pattern;
  context.addIssue({ code: 'custom', message: pattern });
  return z.NEVER;
});

const list = <T extends z.ZodType>(item: T, least: string) =>
  z.array(item, { error: (issue) => (issue.input === undefined ? `missing: ${least}` : 'expected a list') }).min(1, `empty: ${least}`);

const FRONT_MATTER = z.strictObject({
  title: text(),
  summary: text(),
  keywords: list(text(), 'list the words students use for this topic in this language'),
  facts: list(fact, 'list the key facts every level states (words, or a /regular expression/)'),
});

const HEADING = /^##\s+(.*?)\s*$/;
const FENCE = /^\s*```/;

export function readLessonFile(file: string, source: string): Read<LessonFile> {
  const topic = basename(file, '.md');
  if (!TOPIC_ID.test(topic)) {
    return { problems: [{ file, message: `"${topic}" is not a topic id: name a lesson file with lower-case words joined by hyphens` }] };
  }
  // A teacher's editor may save a byte order mark or Windows line breaks; the lesson text has neither.
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (lines[0]?.trimEnd() !== '---' || end === -1) {
    return { problems: [{ file, line: 1, message: 'a lesson starts with front matter between two "---" lines: title, summary, keywords, facts' }] };
  }
  const problems: ContentProblem[] = [];
  const front = parseYaml(file, lines.slice(1, end).join('\n'), 2);
  let meta: z.output<typeof FRONT_MATTER> | undefined;
  if ('problems' in front) problems.push(...front.problems);
  else {
    const parsed = FRONT_MATTER.safeParse(front.value.data ?? {});
    if (parsed.success) meta = parsed.data;
    else problems.push(...schemaProblems(file, parsed.error, front.value.lineOf));
  }
  const levels = readSections(file, lines, end + 1, problems);
  if (!meta || !levels || problems.length > 0) return { problems };
  const lesson: LessonText = { title: meta.title, summary: meta.summary, keywords: meta.keywords, levels };
  return { value: { topic, lesson, facts: meta.facts } };
}

/** The level sections after the front matter (lines from index `first` on), or undefined with the problems added. */
function readSections(file: string, lines: readonly string[], first: number, problems: ContentProblem[]): Record<Level, string> | undefined {
  const sections = new Map<Level, { line: number; lines: string[] }>();
  let current: string[] | undefined;
  let inFence = false;
  const before = problems.length;
  for (let index = first; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? undefined : HEADING.exec(line)?.[1];
    if (heading === undefined) {
      if (current) current.push(line);
      else if (line.trim() !== '' && sections.size === 0) {
        problems.push({ file, line: lineNumber, message: 'text before the first section: every line after the front matter belongs to ## kid, ## beginner or ## expert' });
        current = [];
      }
      continue;
    }
    const level = LEVELS.find((name) => name === heading);
    if (!level) {
      problems.push({ file, line: lineNumber, message: `"## ${heading}" is not a level: the sections are ## kid, ## beginner and ## expert` });
      current = [];
    } else if (sections.has(level)) {
      problems.push({ file, line: lineNumber, message: `a second "## ${level}" section (the first is on line ${sections.get(level)!.line})` });
      current = [];
    } else {
      current = [];
      sections.set(level, { line: lineNumber, lines: current });
    }
  }
  const levels: Partial<Record<Level, string>> = {};
  for (const level of LEVELS) {
    const section = sections.get(level);
    if (!section) {
      problems.push({ file, message: `missing level: no "## ${level}" section (every lesson has ## kid, ## beginner and ## expert)` });
      continue;
    }
    const body = withoutBlankEnds(section.lines);
    if (body === '') problems.push({ file, line: section.line, message: `"## ${level}" is empty` });
    levels[level] = body;
  }
  return problems.length > before ? undefined : (levels as Record<Level, string>);
}

/** The lines joined, without the blank lines before and after (the Markdown around a section's text). */
function withoutBlankEnds(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end).join('\n');
}
