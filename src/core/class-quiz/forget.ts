import { randomBytes } from 'node:crypto';
import type { ClassQuiz } from './types.js';

/**
 * A quiz with one person taken out of it for /forget: their standing and answers stay (the class's totals and the
 * teacher's report still add up) under a new anonymous id and the given name. Pure: the stores save it.
 */
export function withoutPerson(quiz: ClassQuiz, userId: string, anonymousId: string, name: string): ClassQuiz {
  return {
    ...quiz,
    starterId: quiz.starterId === userId ? anonymousId : quiz.starterId,
    standings: quiz.standings.map((standing) => (standing.userId === userId ? { ...standing, userId: anonymousId, name } : standing)),
    history: quiz.history.map((scored) => scored.map((answer) => (answer.userId === userId ? { ...answer, userId: anonymousId } : answer))),
  };
}

/** An id no platform user has (ids are digits, or `dm-…` on Discord). */
export function anonymousPlayerId(): string {
  return `anon-${randomBytes(6).toString('base64url')}`;
}
