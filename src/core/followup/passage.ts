/**
 * Without a chat model, a follow-up is answered with the lesson's own words: the paragraph (of any level, the asked
 * level preferred) that shares most words with the question.
 */
import { LEVELS, type Level, type LessonText } from '../lessons/types.js';
import { isHanTerm, searchTerms } from '../lessons/tokenize.js';
import { toSimplified } from '../script.js';

export interface Passage {
  level: Level;
  text: string;
}

// A word of the question this long also matches longer words it starts ("divide" → "divided").
const MIN_PREFIX_CHARS = 4;
// A lone letter ("d" of "sqrt(d)") says a little, next to real words.
const LETTER_WEIGHT = 0.25;
// Between paragraphs that match alike, the asked level wins.
const LEVEL_BONUS = 0.5;
// The symbol and the words are one idea: "√d_k", "sqrt(d)", "square root of d".
const SYNONYMS: readonly [RegExp, string][] = [
  [/√/g, ' sqrt '],
  [/square\s+roots?/gi, ' sqrt '],
  [/平方根|开方|根号/g, ' sqrt '],
];

function terms(text: string): string[] {
  let normalized = toSimplified(text);
  for (const [pattern, word] of SYNONYMS) normalized = normalized.replace(pattern, word);
  return searchTerms(normalized);
}

/** Paragraphs split at blank lines, a fenced code block kept whole. */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  let open = '';
  for (const part of text.split(/\n\s*\n/)) {
    const joined = open === '' ? part : `${open}\n\n${part}`;
    const fences = (joined.match(/^```/gm) ?? []).length;
    if (fences % 2 === 1) open = joined;
    else {
      open = '';
      if (joined.trim() !== '') out.push(joined.trim());
    }
  }
  if (open.trim() !== '') out.push(open.trim());
  return out;
}

function score(asked: readonly string[], paragraph: string): number {
  const have = terms(paragraph);
  const exact = new Set(have);
  let total = 0;
  for (const term of new Set(asked)) {
    const found = exact.has(term) || (!isHanTerm(term) && term.length >= MIN_PREFIX_CHARS && have.some((word) => word.startsWith(term)));
    if (found) total += term.length > 1 || isHanTerm(term) ? 1 : LETTER_WEIGHT;
  }
  return total;
}

/** The best-matching paragraph, or undefined when no paragraph shares a word with the question. */
export function bestPassage(lesson: LessonText, level: Level, question: string): Passage | undefined {
  const asked = terms(question);
  if (asked.length === 0) return undefined;
  let best: (Passage & { score: number }) | undefined;
  for (const candidate of [level, ...LEVELS.filter((other) => other !== level)]) {
    for (const text of paragraphs(lesson.levels[candidate])) {
      const matched = score(asked, text);
      if (matched === 0) continue;
      const total = matched + (candidate === level ? LEVEL_BONUS : 0);
      if (!best || total > best.score) best = { level: candidate, text, score: total };
    }
  }
  return best && { level: best.level, text: best.text };
}
