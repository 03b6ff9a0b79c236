/** Schema pieces every content file shares, with messages a teacher can act on. */
import { z } from 'zod';

/** A topic id: lower-case words joined by hyphens (`scaled-dot-product`), also the name of its files. */
export const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function textError(issue: { input?: unknown }): string {
  if (issue.input === undefined) return 'missing';
  // YAML reads 50257 as a number; the text a keyword means needs quotes.
  if (typeof issue.input === 'number') return `expected text: put a number in quotes, "${issue.input}"`;
  return 'expected text';
}

/** Text that must say something: not missing, not a number or a list, not blank. */
export function text() {
  return z.string({ error: textError }).refine((value) => value.trim() !== '', 'empty');
}

export const topicId = z
  .string({ error: (issue) => (issue.input === undefined ? 'missing' : 'expected a topic id') })
  .regex(TOPIC_ID, 'not a topic id: lower-case words joined by hyphens, e.g. scaled-dot-product');
