import type { Lang } from '../locale.js';

/** One question's text in one language: four options, and for each option why it is right or what a wrong pick reveals. */
export interface QuestionText {
  question: string;
  options: readonly string[];
  explanations: readonly string[];
}

export interface QuestionMeta {
  id: string;
  topic: string;
  /** Index of the correct option. */
  correct: number;
  difficulty: number;
}

export interface Question extends QuestionMeta {
  text: Record<Lang, QuestionText>;
}

/** The questions the tutor can ask, by id and by topic, in both languages. */
export class QuizBank {
  private readonly byId = new Map<string, Question>();
  private readonly byTopic = new Map<string, Question[]>();

  constructor(metas: readonly QuestionMeta[], texts: Record<Lang, Readonly<Record<string, QuestionText>>>) {
    for (const meta of metas) {
      const en = texts.en[meta.id];
      const zh = texts.zh[meta.id];
      if (!en || !zh) throw new Error(`quiz question ${meta.id} lacks its en or zh text`);
      const question: Question = { ...meta, text: { en, zh } };
      this.byId.set(meta.id, question);
      this.byTopic.set(meta.topic, [...(this.byTopic.get(meta.topic) ?? []), question]);
    }
  }

  get(id: string): Question | undefined {
    return this.byId.get(id);
  }

  forTopic(topic: string): readonly Question[] {
    return this.byTopic.get(topic) ?? [];
  }

  get all(): readonly Question[] {
    return [...this.byId.values()];
  }

  get topics(): readonly string[] {
    return [...this.byTopic.keys()];
  }
}
