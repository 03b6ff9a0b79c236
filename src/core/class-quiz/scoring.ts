import type { RecordedAnswer, Scoring, ScoredAnswer, Standing } from './types.js';

// Kahoot-style: a correct answer earns 1,000 points at once, falling linearly to 500 at the last moment.
export const MAX_SPEED_POINTS = 1_000;
export const MIN_SPEED_POINTS = 500;
// A streak of correct answers adds 100 per answer after the first, up to 500.
export const STREAK_BONUS_STEP = 100;
export const MAX_STREAK_BONUS = 500;

/** Points for a correct answer given after `ms` of a `windowMs` question. */
export function speedPoints(ms: number, windowMs: number): number {
  const share = Math.min(1, Math.max(0, ms / windowMs));
  return Math.round(MAX_SPEED_POINTS - (MAX_SPEED_POINTS - MIN_SPEED_POINTS) * share);
}

export function streakBonus(streak: number): number {
  return Math.min(MAX_STREAK_BONUS, Math.max(0, streak - 1) * STREAK_BONUS_STEP);
}

/**
 * Scores one closed question: each answer's points, and the standings after it. Players who did not answer keep
 * their points and lose their streak. Pure, so a worker that closes a question twice computes the same result.
 */
export function scoreQuestion(
  before: readonly Standing[],
  answers: readonly RecordedAnswer[],
  players: ReadonlyMap<string, string>,
  correctOption: number,
  windowMs: number,
  scoring: Scoring,
): { standings: Standing[]; scored: ScoredAnswer[] } {
  const byUser = new Map(before.map((standing) => [standing.userId, { ...standing }]));
  for (const [userId, name] of players) {
    if (!byUser.has(userId)) byUser.set(userId, { userId, name, points: 0, correct: 0, answered: 0, streak: 0, correctMs: 0 });
  }
  const answeredBy = new Map(answers.map((answer) => [answer.userId, answer]));
  const scored: ScoredAnswer[] = [];
  for (const standing of byUser.values()) {
    const answer = answeredBy.get(standing.userId);
    if (!answer) {
      standing.streak = 0;
      continue;
    }
    const correct = answer.option === correctOption;
    standing.answered += 1;
    standing.streak = correct ? standing.streak + 1 : 0;
    const points = !correct ? 0 : scoring === 'plain' ? 1 : speedPoints(answer.ms, windowMs) + streakBonus(standing.streak);
    if (correct) {
      standing.correct += 1;
      standing.correctMs += answer.ms;
    }
    standing.points += points;
    scored.push({ userId: standing.userId, option: answer.option, ms: answer.ms, correct, points });
  }
  return { standings: rank([...byUser.values()]), scored };
}

/** Most points first; ties go to more correct answers, then to the faster. */
export function rank(standings: Standing[]): Standing[] {
  return standings.sort((a, b) => b.points - a.points || b.correct - a.correct || a.correctMs - b.correctMs || a.name.localeCompare(b.name));
}
