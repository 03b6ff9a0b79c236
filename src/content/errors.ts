import { isAbsolute, relative } from 'node:path';

/** One thing wrong in a content file: where (the file, and the line when it is known) and what. */
export interface ContentProblem {
  file: string;
  line?: number;
  message: string;
}

/** Most problems listed in a ContentError's message; the rest are counted. */
const MAX_LISTED = 20;

/**
 * The content cannot be served: every problem found, each as `file:line: message`, so a teacher fixes them in one
 * go. Thrown at start-up, before the tutor takes a message.
 */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const listed = problems.slice(0, MAX_LISTED).map((problem) => `  ${describeProblem(problem)}`);
    const more = problems.length > MAX_LISTED ? [`  … and ${problems.length - MAX_LISTED} more`] : [];
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super([`the lesson and quiz content has ${count}:`, ...listed, ...more].join('\n'));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** `locales/en/lessons/attention.md:12: …`, the path as typed from the working directory when it is below it. */
export function describeProblem(problem: ContentProblem): string {
  const shown = relative(process.cwd(), problem.file);
  const file = shown.startsWith('..') || isAbsolute(shown) ? problem.file : shown;
  return `${file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}
