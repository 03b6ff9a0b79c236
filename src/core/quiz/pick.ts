import type { Question, QuizBank } from './bank.js';
import type { PracticeStats } from './practice-store.js';

export const ROUND_SIZE = 5;
// Questions of a round without a chosen topic that come from weak topics, when there are any.
const WEAK_SHARE_OF_ROUND = 3;
// A topic answered right less often than this is weak: practice without a topic leans towards it.
const WEAK_ACCURACY = 0.75;
// How much more likely a question is picked: from a weak topic, from a lesson read but never practised, one missed
// before; and how much less likely one already answered right.
const WEAK_TOPIC_WEIGHT = 4;
const READ_NOT_PRACTISED_WEIGHT = 2;
const MISSED_WEIGHT = 2;
const MASTERED_WEIGHT = 0.25;

/** Topics answered right less than WEAK_ACCURACY of the time, weakest first. */
export function weakTopics(stats: PracticeStats): string[] {
  return Object.entries(stats.topics)
    .filter(([, record]) => record.asked > 0 && record.correct / record.asked < WEAK_ACCURACY)
    .sort(([, a], [, b]) => a.correct / a.asked - b.correct / b.asked)
    .map(([topic]) => topic);
}

export interface PickOptions {
  /** Only this topic's questions. */
  topic?: string | undefined;
  /** Lessons the student has opened. */
  seenLessons: ReadonlySet<string>;
  random?: () => number;
}

/** The questions of a practice round: weighted towards weak topics and missed questions, no repeats within a round. */
export function pickRound(bank: QuizBank, stats: PracticeStats, options: PickOptions): string[] {
  const weak = new Set(weakTopics(stats));
  const missed = new Set(stats.missed);
  const mastered = new Set(stats.mastered);
  const topicWeight = (topic: string) => {
    if (options.topic) return 1;
    if (weak.has(topic)) return WEAK_TOPIC_WEIGHT;
    if (options.seenLessons.has(topic) && !stats.topics[topic]) return READ_NOT_PRACTISED_WEIGHT;
    return 1;
  };
  const weight = (question: Question) =>
    topicWeight(question.topic) * (missed.has(question.id) ? MISSED_WEIGHT : mastered.has(question.id) ? MASTERED_WEIGHT : 1);
  const random = options.random ?? Math.random;
  const pool = options.topic ? [...bank.forTopic(options.topic)] : [...bank.all];
  const size = Math.min(ROUND_SIZE, pool.length);
  // Left to choose, the tutor spends most of a round on weak topics, and the rest anywhere (weighted as above).
  const fromWeak = options.topic ? [] : weightedSample(pool.filter((question) => weak.has(question.topic)), weight, WEAK_SHARE_OF_ROUND, random);
  const rest = weightedSample(pool.filter((question) => !fromWeak.includes(question)), weight, size - fromWeak.length, random);
  return [...fromWeak, ...rest].map((question) => question.id);
}

/** The missed questions to replay, oldest first. */
export function reviewRound(bank: QuizBank, stats: PracticeStats): string[] {
  return stats.missed.filter((id) => bank.get(id)).slice(0, ROUND_SIZE);
}

function weightedSample<T>(pool: T[], weight: (item: T) => number, count: number, random: () => number): T[] {
  const left = pool.map((item) => ({ item, weight: weight(item) }));
  const picked: T[] = [];
  while (picked.length < count && left.length > 0) {
    const total = left.reduce((sum, entry) => sum + entry.weight, 0);
    let target = random() * total;
    let index = left.findIndex((entry) => (target -= entry.weight) < 0);
    if (index === -1) index = left.length - 1; // Rounding at the top end.
    picked.push(left[index]!.item);
    left.splice(index, 1);
  }
  return picked;
}
