/** The sink-free head score of training/head-score.ts on maps small enough to follow by hand. */
import { describe, expect, it } from 'vitest';
import { scoreHead } from '../../training/head-score.js';

describe('sink-free head score', () => {
  it('sets the first token aside before scoring the previous-token pattern', () => {
    // Row 2 gives 0.5 to the sink and 0.4 of the rest (0.2 / 0.5) to the previous token; row 3 0.8 of the rest.
    const weights = [[1], [0.9, 0.1], [0.5, 0.2, 0.3], [0.5, 0.05, 0.4, 0.05]];
    const s = scoreHead([{ tokens: ['a', 'b', 'c', 'd'], weights }]);
    expect(s.previousToken).toBeCloseTo((0.2 / 0.5 + 0.4 / 0.5) / 2, 10);
    expect(s.firstTokenMass).toBeCloseTo((0.9 + 0.5 + 0.5) / 3, 10);
    expect(s.chance).toBeCloseTo((1 / 2 + 1 / 3) / 2, 10);
    expect(s.pattern).toBe('previous-token');
  });

  it('finds a copy pattern: a repeated token looks at what followed its earlier occurrence', () => {
    // x y z x → the second x looks at y (position 1), the token after the first x.
    const weights = [[1], [0.5, 0.5], [0.4, 0.3, 0.3], [0.2, 0.7, 0.05, 0.05]];
    const s = scoreHead([{ tokens: ['x', 'y', 'z', 'x'], weights }]);
    expect(s.copy).toBeCloseTo(0.7 / 0.8, 10);
    expect(s.pattern).toBe('copy');
    expect(s.score).toBe(s.copy);
  });

  it('skips a row that is all sink, and scores 0 without rows', () => {
    expect(scoreHead([{ tokens: ['a', 'b', 'c'], weights: [[1], [1, 0], [1, 0, 0]] }]).previousToken).toBe(0);
    expect(scoreHead([]).score).toBe(0);
  });
});
