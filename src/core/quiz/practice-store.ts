import type { Platform } from '../invocation.js';
import type { KeyValueStore } from '../ports.js';
import { USER_PREF_TTL_MS, userKeyPrefix } from '../user-prefs.js';

/** A practice round in progress: which questions, how far, how well. */
export interface Round {
  mode: 'practice' | 'review';
  topic?: string | undefined;
  ids: string[];
  /** Index of the question being asked (or next to ask). */
  index: number;
  correct: number;
  /** The open question's nonce: the key its answer buttons point at. */
  nonce?: string | undefined;
}

/** What the tutor remembers of a student's practice: per-topic accuracy, missed questions, questions got right. */
export interface PracticeStats {
  topics: Record<string, { asked: number; correct: number }>;
  /** Missed and not yet answered right since, oldest first. */
  missed: string[];
  /** Answered right at least once. */
  mastered: string[];
}

// A round or an open question left for a day is stale; the record of what was missed lasts as long as other prefs.
const ROUND_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_MISSED = 200;

/** Practice state under the user's key prefix, so /forget removes it with everything else. */
export class PracticeStore {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, userId: string, name: string): string {
    return `${userKeyPrefix(platform, userId)}quiz:${name}`;
  }

  async round(platform: Platform, userId: string): Promise<Round | undefined> {
    return parse<Round>(await this.store.get(this.key(platform, userId, 'round')));
  }

  async saveRound(platform: Platform, userId: string, round: Round | undefined): Promise<void> {
    const key = this.key(platform, userId, 'round');
    if (round) await this.store.set(key, JSON.stringify(round), ROUND_TTL_MS);
    else await this.store.delete(key);
  }

  /** Opens a question for answering: its buttons carry the nonce, and only one answer can claim it. */
  async open(platform: Platform, userId: string, nonce: string, questionId: string): Promise<void> {
    await this.store.set(this.key(platform, userId, `open:${nonce}`), questionId, ROUND_TTL_MS);
  }

  /** Claims the open question: the first answer gets its id, every later or concurrent one gets nothing. */
  async claim(platform: Platform, userId: string, nonce: string): Promise<string | undefined> {
    return this.store.take(this.key(platform, userId, `open:${nonce}`));
  }

  async close(platform: Platform, userId: string, nonce: string): Promise<void> {
    await this.store.delete(this.key(platform, userId, `open:${nonce}`));
  }

  async stats(platform: Platform, userId: string): Promise<PracticeStats> {
    const stored = parse<Partial<PracticeStats>>(await this.store.get(this.key(platform, userId, 'stats')));
    return { topics: stored?.topics ?? {}, missed: stored?.missed ?? [], mastered: stored?.mastered ?? [] };
  }

  async record(platform: Platform, userId: string, answer: { questionId: string; topic: string; correct: boolean }): Promise<PracticeStats> {
    const stats = await this.stats(platform, userId);
    const topic = stats.topics[answer.topic] ?? { asked: 0, correct: 0 };
    stats.topics[answer.topic] = { asked: topic.asked + 1, correct: topic.correct + (answer.correct ? 1 : 0) };
    stats.missed = stats.missed.filter((id) => id !== answer.questionId);
    if (answer.correct) {
      if (!stats.mastered.includes(answer.questionId)) stats.mastered.push(answer.questionId);
    } else {
      stats.missed = [...stats.missed, answer.questionId].slice(-MAX_MISSED);
    }
    await this.store.set(this.key(platform, userId, 'stats'), JSON.stringify(stats), USER_PREF_TTL_MS);
    return stats;
  }
}

function parse<T>(stored: string | undefined): T | undefined {
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return undefined;
  }
}
