import { LANGS, type Lang } from '../locale.js';
import type { LessonText, TopicMeta } from './types.js';
import type { UncoveredTerm } from './uncovered.js';

/**
 * The curriculum: topics in learning order and their lesson texts in each language. Handed its content at start-up
 * (src/content loads and checks the lesson files); the core reads no file.
 */
export class Catalog {
  readonly topics: readonly TopicMeta[];
  /** Terms of the field without a lesson yet (retrieval says so instead of guessing a lesson). */
  readonly uncovered: readonly UncoveredTerm[];
  private readonly texts: Readonly<Record<Lang, Readonly<Record<string, LessonText>>>>;

  constructor(topics: readonly TopicMeta[], texts: Readonly<Record<Lang, Readonly<Record<string, LessonText>>>>, uncovered: readonly UncoveredTerm[] = []) {
    this.topics = topics;
    this.texts = texts;
    this.uncovered = uncovered;
  }

  has(id: string): boolean {
    return this.topics.some((topic) => topic.id === id);
  }

  topic(id: string): TopicMeta | undefined {
    return this.topics.find((topic) => topic.id === id);
  }

  lesson(lang: Lang, id: string): LessonText {
    const lesson = this.texts[lang][id];
    if (!lesson) throw new Error(`no ${lang} lesson for topic ${id}`);
    return lesson;
  }

  /** The topic after this one on the learning path, if any. */
  next(id: string): TopicMeta | undefined {
    const index = this.topics.findIndex((topic) => topic.id === id);
    return index === -1 ? undefined : this.topics[index + 1];
  }

  /** Every (language, topic, lesson) triple, for indexing. */
  *entries(): Generator<{ lang: Lang; topic: TopicMeta; lesson: LessonText }> {
    for (const lang of LANGS) for (const topic of this.topics) yield { lang, topic, lesson: this.lesson(lang, topic.id) };
  }
}
