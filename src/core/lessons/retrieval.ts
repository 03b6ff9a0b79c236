import MiniSearch from 'minisearch';
import type { Catalog } from './catalog.js';
import { PhraseIndex } from './phrases.js';
import { isHanTerm, searchTerms } from './tokenize.js';
import { toSimplified } from '../script.js';
import { UncoveredTerms, type UncoveredTerm } from './uncovered.js';

export interface TopicMatch {
  id: string;
  score: number;
}

/** What a question is about: the best topic, and close runners-up when the tutor is not sure. */
export interface RetrievalResult {
  best: TopicMatch | undefined;
  /** Other topics that score nearly as well: offered as "did you mean" choices. */
  alternatives: TopicMatch[];
  /** True when the query named a topic outright (its id, title or an alias). */
  exact: boolean;
  /** False when the best topic matched only in lesson bodies, not in its name, title, aliases or summary. */
  confident: boolean;
  /**
   * True when nothing in the question is the curriculum's vocabulary (no lesson's name, title or keyword): a
   * question about cooking or football, answered "not covered", never with a lesson that happens to share a word.
   */
  outside?: boolean;
  /** A term of the field the tutor has no lesson on yet ("diffusion models"): said so, with the nearest lessons. */
  uncovered?: UncoveredTerm | undefined;
}

// Tuned on the tuning questions of test/unit/retrieval-questions.ts: below MIN_SCORE a match is noise; a runner-up within
// AMBIGUOUS_RATIO of the best makes the answer uncertain.
const MIN_SCORE = 1;
// Fields that say what a lesson is about; a match only in the body (examples, asides) is a weaker signal.
const DEFINING_FIELDS = new Set(['name', 'title', 'keywords', 'summary']);
// A typo of a long curriculum word ("transfomer") still counts as using it; short words must be typed as they are.
const MIN_FUZZY_VOCABULARY_CHARS = 7;
// A word of a name that more than this share of all lesson texts use is an everyday word, not the curriculum's.
const MAX_VOCABULARY_BODY_SHARE = 0.3;
const AMBIGUOUS_RATIO = 0.75;
const MAX_ALTERNATIVES = 3;
// Summaries say what a lesson answers; bodies are long and full of examples, so they count least.
const FIELD_BOOST = { name: 4, title: 3, keywords: 3, summary: 4, body: 0.6 };
// A contained key phrase multiplies the score by up to 1 + PHRASE_BOOST (reached at PHRASE_FULL_BOOST_CHARS).
const PHRASE_BOOST = 1;
const PHRASE_FULL_BOOST_CHARS = 8;

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
  private readonly phrases = new PhraseIndex();
  private readonly uncovered: UncoveredTerms;
  /**
   * The curriculum's own words: the words of topic names, titles and keywords ("encoder" of "encoder-decoder")
   * that few lesson texts use. A question with none of them and no whole key phrase is outside the curriculum.
   */
  private readonly vocabulary = new Set<string>();

  constructor(catalog: Catalog) {
    this.uncovered = new UncoveredTerms(catalog.uncovered);
    this.index = new MiniSearch<LessonDoc>({
      fields: ['name', 'title', 'keywords', 'summary', 'body'],
      storeFields: ['topic'],
      tokenize: (text) => searchTerms(text),
      processTerm: (term) => term,
    });
    const docs: LessonDoc[] = [];
    const wordsOfNames = new Set<string>();
    const bodiesWith = new Map<string, number>();
    let lessons = 0;
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
      for (const name of [topic.id, lesson.title, ...lesson.keywords]) {
        this.exactNames.set(normalize(name), topic.id);
        this.phrases.add(topic.id, name);
        const terms = searchTerms(name);
        // A one-word name is the curriculum's word however common ("transformer"); words of longer names may not be.
        if (terms.length === 1) this.vocabulary.add(terms[0]!);
        else for (const term of terms) wordsOfNames.add(term);
      }
      for (const term of new Set(searchTerms(Object.values(lesson.levels).join('\n')))) bodiesWith.set(term, (bodiesWith.get(term) ?? 0) + 1);
      lessons++;
    }
    this.index.addAll(docs);
    // Everyday words in names ("time" of "one word at a time", 等于 of 加起来等于1) are in many lessons' texts.
    for (const term of wordsOfNames) if ((bodiesWith.get(term) ?? 0) <= lessons * MAX_VOCABULARY_BODY_SHARE) this.vocabulary.add(term);
  }

  /** The topics whose name, title or key phrase the text contains, with the longest such phrase's length. */
  named(typed: string): ReadonlyMap<string, number> {
    return this.phrases.longestIn(toSimplified(withoutMentions(typed)));
  }

  find(typed: string): RetrievalResult {
    // Lessons are indexed in Simplified characters: a question in Traditional ones is searched as its Simplified form.
    const query = toSimplified(withoutMentions(typed));
    const exact = this.exactNames.get(normalize(query));
    if (exact) return { best: { id: exact, score: Number.POSITIVE_INFINITY }, alternatives: [], exact: true, confident: true };

    const byTopic = new Map<string, number>();
    const defined = new Set<string>();
    let usesVocabulary = false;
    const hits = this.index.search(query, {
      boost: FIELD_BOOST,
      prefix: (term) => !isHanTerm(term) && term.length >= 4,
      fuzzy: (term) => (!isHanTerm(term) && term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
    });
    const asked = new Set(searchTerms(query));
    for (const hit of hits) {
      const matched = Object.entries(hit.match);
      // Lone letters ("b" from "<b>") only mean something next to other words ("Q和K" in an attention question).
      if (!matched.some(([term]) => term.length > 1 || isHanTerm(term))) continue;
      const topic = String(hit['topic']);
      byTopic.set(topic, Math.max(byTopic.get(topic) ?? 0, hit.score));
      // Only the student's own words count as naming a lesson, not fuzzy look-alikes ("bread" ~ "read").
      if (matched.some(([term, fields]) => asked.has(term) && fields.some((field) => DEFINING_FIELDS.has(field)))) defined.add(topic);
      if (matched.some(([term]) => this.vocabulary.has(term) && (asked.has(term) || (!isHanTerm(term) && term.length >= MIN_FUZZY_VOCABULARY_CHARS)))) usesVocabulary = true;
    }
    // A lesson whose key phrase the question contains counts more, the longer the phrase.
    const phrases = this.phrases.longestIn(query);
    const longestPhrase = Math.max(0, ...phrases.values());
    // A term without a lesson wins over a lesson phrase no longer than it ("多模态大模型": 多模态 over 大模型).
    const uncovered = this.uncovered.in(query);
    if (uncovered && uncovered.length >= longestPhrase) return { best: undefined, alternatives: [], exact: false, confident: false, uncovered: uncovered.term };
    if (phrases.size === 0 && !usesVocabulary) return { best: undefined, alternatives: [], exact: false, confident: false, outside: true };
    for (const [topic, length] of phrases) {
      byTopic.set(topic, (byTopic.get(topic) ?? 0) * (1 + PHRASE_BOOST * Math.min(length, PHRASE_FULL_BOOST_CHARS) / PHRASE_FULL_BOOST_CHARS));
      defined.add(topic);
    }
    const ranked = [...byTopic.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (!best || best.score < MIN_SCORE) return { best: undefined, alternatives: [], exact: false, confident: false };
    const close = ranked.slice(1, MAX_ALTERNATIVES).filter((match) => match.score >= best.score * AMBIGUOUS_RATIO);
    return { best, alternatives: close, exact: false, confident: defined.has(best.id) };
  }
}

// `@everyone`, `@here`, `@name` and Discord's `<@123>`, `<@&123>`, `<#123>`: they name people and places, not topics
// ("everyone" must not open a lesson). An address like a@b.org is not a mention: its @ follows a letter.
const MENTION = /<[@#][!&]?\d+>|(^|\s)[@＠][\p{L}\p{N}_.]+/gu;

/** The text without platform mentions, which say nothing about what a question is about. */
export function withoutMentions(text: string): string {
  return text.replace(MENTION, '$1').trim();
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
