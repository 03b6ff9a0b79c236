import MiniSearch from 'minisearch';
import type { Catalog } from './catalog.js';
import { isHanTerm, searchTerms } from './tokenize.js';

export interface TopicMatch {
  id: string;
  score: number;
}

/** What a question is about: the best topic, and close runners-up when the tutor is not sure. */
export interface RetrievalResult {
  best: TopicMatch | undefined;
  /** Set when another topic scores nearly as well: offer "did you mean" choices (best first). */
  alternatives: TopicMatch[];
  /** True when the query named a topic outright (its id, title or an alias). */
  exact: boolean;
}

// Tuned on test/core/retrieval.test.ts: below MIN_SCORE a match is noise; a runner-up within
// AMBIGUOUS_RATIO of the best makes the answer uncertain.
const MIN_SCORE = 2.5;
const AMBIGUOUS_RATIO = 0.75;
const MAX_ALTERNATIVES = 3;

interface LessonDoc {
  id: string;
  topic: string;
  name: string;
  title: string;
  keywords: string;
  summary: string;
  body: string;
}

/** Finds the lesson a student's question is about, in English or Chinese, in their own words. */
export class LessonRetriever {
  private readonly index: MiniSearch<LessonDoc>;
  private readonly exactNames = new Map<string, string>();

  constructor(catalog: Catalog) {
    this.index = new MiniSearch<LessonDoc>({
      fields: ['name', 'title', 'keywords', 'summary', 'body'],
      storeFields: ['topic'],
      tokenize: (text) => searchTerms(text),
      processTerm: (term) => term,
    });
    const docs: LessonDoc[] = [];
    for (const { lang, topic, lesson } of catalog.entries()) {
      docs.push({
        id: `${lang}:${topic.id}`,
        topic: topic.id,
        name: topic.id.replace(/-/g, ' '),
        title: lesson.title,
        keywords: lesson.keywords.join(' | '),
        summary: lesson.summary,
        body: Object.values(lesson.levels).join('\n'),
      });
      for (const name of [topic.id, lesson.title, ...lesson.keywords]) this.exactNames.set(normalize(name), topic.id);
    }
    this.index.addAll(docs);
  }

  find(query: string): RetrievalResult {
    const exact = this.exactNames.get(normalize(query));
    if (exact) return { best: { id: exact, score: Number.POSITIVE_INFINITY }, alternatives: [], exact: true };

    const byTopic = new Map<string, number>();
    const hits = this.index.search(query, {
      boost: { name: 4, title: 3, keywords: 3, summary: 1.5, body: 1 },
      prefix: (term) => !isHanTerm(term) && term.length >= 4,
      fuzzy: (term) => (!isHanTerm(term) && term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
    });
    for (const hit of hits) {
      const topic = String(hit['topic']);
      byTopic.set(topic, Math.max(byTopic.get(topic) ?? 0, hit.score));
    }
    const ranked = [...byTopic.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (!best || best.score < MIN_SCORE) return { best: undefined, alternatives: [], exact: false };
    const close = ranked.slice(1).filter((match) => match.score >= best.score * AMBIGUOUS_RATIO);
    const alternatives = close.length > 0 ? [best, ...close].slice(0, MAX_ALTERNATIVES) : [];
    return { best, alternatives, exact: false };
  }
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
