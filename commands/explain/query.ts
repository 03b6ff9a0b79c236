import type { Level } from '../../src/core/lessons/types.js';
import { LEVEL_WORDS } from './options.js';

/** What a student typed after /explain, read: the topic or question, and a level named as its last word. */
export interface ExplainQuery {
  topic: string;
  level?: Level | undefined;
}

// The last word and what comes before it; a trailing "?" or "." belongs to the sentence, not the word.
const LAST_WORD = /^(?:(.*\S)\s+)?(\S+?)[\p{P}]*$/su;

/**
 * `/explain attention kid` and `/explain 注意力机制 孩子` mean level kid: a level word at the end is the level, unless
 * `level:` named one already. Only the last word: "expert systems" or "kids and GPT" keep their words.
 */
export function readExplainQuery(typed: string | undefined, namedLevel: Level | undefined): ExplainQuery {
  const topic = typed?.trim() ?? '';
  if (namedLevel || topic === '') return { topic, level: namedLevel };
  const match = LAST_WORD.exec(topic);
  const word = match?.[2]?.normalize('NFKC').toLowerCase();
  if (!match || !word || !Object.hasOwn(LEVEL_WORDS, word)) return { topic };
  return { topic: match[1] ?? '', level: LEVEL_WORDS[word] };
}

/**
 * Text that starts with a slash but is no command (`/` alone, `/ help`, `/?`): the student was reaching for a
 * command, so a hint about commands helps more than a lesson search for "/".
 */
export function looksLikeCommand(typed: string | undefined): boolean {
  return /^[/／]/.test(typed?.trim() ?? '');
}
