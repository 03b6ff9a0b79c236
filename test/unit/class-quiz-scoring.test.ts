import { describe, expect, it } from 'vitest';
import { playerName } from '../../src/core/class-quiz/render.js';
import { rank, scoreQuestion, speedPoints, streakBonus } from '../../src/core/class-quiz/scoring.js';
import type { Standing } from '../../src/core/class-quiz/types.js';

const players = new Map([
  ['ann', 'Ann'],
  ['bo', 'Bo'],
  ['cy', 'Cy'],
]);

describe('class quiz scoring', () => {
  it('gives 1,000 points for an instant right answer, falling linearly to 500 at the end', () => {
    expect(speedPoints(0, 20_000)).toBe(1000);
    expect(speedPoints(10_000, 20_000)).toBe(750);
    expect(speedPoints(20_000, 20_000)).toBe(500);
    expect(speedPoints(25_000, 20_000)).toBe(500);
  });

  it('adds a streak bonus of 100 per right answer in a row after the first, up to 500', () => {
    expect([1, 2, 3, 6, 7, 20].map(streakBonus)).toEqual([0, 100, 200, 500, 500, 500]);
  });

  it('scores a question: speed points and streaks for the right, nothing for the wrong, streaks broken by silence', () => {
    const first = scoreQuestion([], [{ userId: 'ann', option: 1, ms: 0 }, { userId: 'bo', option: 2, ms: 1000 }], players, 1, 10_000, 'speed');
    expect(first.scored).toEqual([
      { userId: 'ann', option: 1, ms: 0, correct: true, points: 1000 },
      { userId: 'bo', option: 2, ms: 1000, correct: false, points: 0 },
    ]);
    // Cy joined but did not answer: in the standings with nothing.
    expect(first.standings.map((standing) => [standing.userId, standing.points, standing.streak])).toEqual([
      ['ann', 1000, 1],
      ['bo', 0, 0],
      ['cy', 0, 0],
    ]);
    const second = scoreQuestion(first.standings, [{ userId: 'ann', option: 0, ms: 5000 }, { userId: 'cy', option: 0, ms: 2000 }], players, 0, 10_000, 'speed');
    const ann = second.standings.find((standing) => standing.userId === 'ann')!;
    expect(ann.points).toBe(1000 + 750 + 100);
    expect(ann.streak).toBe(2);
    expect(second.standings.find((standing) => standing.userId === 'cy')!.points).toBe(900);
    // Scoring is pure: the same inputs give the same standings (a question closed twice scores once).
    expect(scoreQuestion(first.standings, [{ userId: 'ann', option: 0, ms: 5000 }], players, 0, 10_000, 'speed')).toEqual(
      scoreQuestion(first.standings, [{ userId: 'ann', option: 0, ms: 5000 }], players, 0, 10_000, 'speed'),
    );
  });

  it('plain scoring counts one point per right answer', () => {
    const { standings } = scoreQuestion([], [{ userId: 'ann', option: 3, ms: 9000 }, { userId: 'bo', option: 3, ms: 10 }], players, 3, 10_000, 'plain');
    expect(standings.slice(0, 2).map((standing) => standing.points)).toEqual([1, 1]);
    // Ties go to the faster.
    expect(standings[0]!.userId).toBe('bo');
  });

  it('ranks by points, then right answers, then speed', () => {
    const standing = (userId: string, points: number, correct: number, correctMs: number): Standing => ({ userId, name: userId, points, correct, answered: correct, streak: 0, correctMs });
    expect(rank([standing('a', 10, 1, 50), standing('b', 20, 1, 90), standing('c', 10, 2, 90), standing('d', 10, 2, 10)]).map((entry) => entry.userId)).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('players\' names on the leaderboard', () => {
  it('are literal, short and never a mention', () => {
    expect(playerName('@everyone')).toBe('＠everyone');
    expect(playerName('**Ann**\u202E')).toBe('\\*\\*Ann\\*\\*');
    expect([...playerName('x'.repeat(100))]).toHaveLength(32);
    expect(playerName('   ')).toBe('?');
  });
});
