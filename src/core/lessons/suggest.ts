import { toScript } from '../i18n.js';
import { LANGS, langOf, type Locale } from '../locale.js';
import type { Catalog } from './catalog.js';
import { toSimplified } from '../script.js';

/** A topic offered while someone types (Discord autocomplete): what they see, and the topic id it stands for. */
export interface TopicSuggestion {
  name: string;
  value: string;
}

/** Discord shows at most 25 suggestions, each name at most 100 characters. */
export const MAX_SUGGESTIONS = 25;
const MAX_SUGGESTION_NAME_LENGTH = 100;

interface Searchable {
  id: string;
  order: number;
  /** Topic id and titles in every language, lowercased: a prefix match here ranks first. */
  titles: string[];
  /** Summaries and keywords in every language, lowercased. */
  words: string[];
}

// Built once per catalog (a process has one): Traditional spellings cost an OpenCC pass over every keyword.
const indexes = new WeakMap<Catalog, Searchable[]>();
function searchIndex(catalog: Catalog): Searchable[] {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const built = catalog.topics.map((topic, order) => {
    const lessons = LANGS.map((lang) => catalog.lesson(lang, topic.id));
    const titles = lessons.map((lesson) => lesson.title);
    const words = lessons.flatMap((lesson) => [lesson.summary, ...lesson.keywords]);
    // Readers of Traditional characters type Traditional: match their spelling of the Chinese texts too.
    const zh = catalog.lesson('zh', topic.id);
    const traditional = (texts: string[]) => texts.map((text) => toScript('zh-Hant', text));
    return {
      id: topic.id,
      order,
      titles: [topic.id, topic.id.replace(/-/g, ' '), ...titles, ...traditional([zh.title])].map(normalize),
      words: [...words, ...traditional([zh.summary, ...zh.keywords])].map(normalize),
    };
  });
  indexes.set(catalog, built);
  return built;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/**
 * Topics matching what someone has typed so far, in English or Chinese (a title, the topic id, a keyword):
 * prefix matches on titles first, then titles containing it, then keywords; ties in learning-path order. Names show
 * the title in the reader's language with the other language's title beside it, so either spelling is recognisable.
 */
export function suggestTopics(typed: string, locale: Locale, catalog: Catalog): TopicSuggestion[] {
  const query = normalize(toSimplified(typed));
  const scored = searchIndex(catalog)
    .map((entry) => ({ entry, score: score(entry, query) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.order - b.entry.order)
    .slice(0, MAX_SUGGESTIONS);
  return scored.map(({ entry }) => ({ name: displayName(catalog, entry.id, locale), value: entry.id }));
}

function score(entry: Searchable, query: string): number {
  if (query === '') return 1;
  if (entry.titles.some((title) => title.startsWith(query))) return 4;
  if (entry.titles.some((title) => title.includes(query))) return 3;
  if (entry.words.some((word) => word.startsWith(query))) return 2;
  if (entry.words.some((word) => word.includes(query))) return 1;
  return 0;
}

function displayName(catalog: Catalog, id: string, locale: Locale): string {
  const own = langOf(locale);
  const other = own === 'en' ? 'zh' : 'en';
  const ownTitle = toScript(locale, catalog.lesson(own, id).title);
  const otherTitle = catalog.lesson(other, id).title;
  const name = ownTitle === otherTitle ? ownTitle : `${ownTitle} · ${otherTitle}`;
  return [...name].slice(0, MAX_SUGGESTION_NAME_LENGTH).join('');
}
