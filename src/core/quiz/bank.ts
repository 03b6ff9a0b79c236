import type { Lang } from '../locale.js';

/** One question's text in one language: its options, and for each option why it is right or what a wrong pick reveals. */
export interface QuestionText {
  question: string;
  options: readonly string[];
  explanations: readonly string[];
}

export interface QuestionMeta {
  /** `<topic>-<n>`, e.g. `attention-1`. */
  id: string;
  topic: string;
  /** Index of the correct option. */
  correct: number;
  /** 1: recall a fact, 2: apply an idea, 3: reason about the mechanism (expert level). */
  difficulty: number;
}

export interface Question extends QuestionMeta {
  text: Record<Lang, QuestionText>;
}

/**
 * The questions the tutor can ask, by id and by topic, in both languages. Handed its questions at start-up
 * (src/content loads and checks the quiz files); the core reads no file.
 */
export class QuizBank {
  private readonly byId = new Map<string, Question>();
  private readonly byTopic = new Map<string, Question[]>();

  constructor(questions: readonly Question[]) {
    for (const question of questions) {
      if (this.byId.has(question.id)) throw new Error(`quiz question ${question.id} is in the bank twice`);
      this.byId.set(question.id, question);
      this.byTopic.set(question.topic, [...(this.byTopic.get(question.topic) ?? []), question]);
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
