/**
 * Terms of the field the tutor has no lesson on yet (locales/uncovered-terms.yaml): a question about one is told so
 * honestly, with the lessons nearest to it offered, instead of being sent to a lesson that does not answer it.
 */
import type { Lang } from '../locale.js';
import { PhraseIndex } from './phrases.js';

export interface UncoveredTerm {
  /** The term as a reply names it. */
  term: Readonly<Record<Lang, string>>;
  /** What students type for it (English words match whole, Chinese anywhere). */
  match: readonly string[];
  /** The lessons nearest to it, offered as choices. */
  nearest: readonly string[];
}

export interface UncoveredMatch {
  term: UncoveredTerm;
  /** Characters of the longest phrase of the term the question contains. */
  length: number;
}

export class UncoveredTerms {
  private readonly phrases = new PhraseIndex();
  private readonly terms: readonly UncoveredTerm[];

  constructor(terms: readonly UncoveredTerm[]) {
    this.terms = terms;
    terms.forEach((term, index) => {
      for (const phrase of term.match) this.phrases.add(String(index), phrase);
    });
  }

  /** The term whose phrase the question contains (the longest such phrase), if any. */
  in(query: string): UncoveredMatch | undefined {
    let best: UncoveredMatch | undefined;
    for (const [index, length] of this.phrases.longestIn(query)) {
      if (!best || length > best.length) best = { term: this.terms[Number(index)]!, length };
    }
    return best;
  }
}
