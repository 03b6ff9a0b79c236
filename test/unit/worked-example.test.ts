import { describe, expect, it } from 'vitest';
import type { AttentionExample } from '../../src/core/lessons/types.js';
import { lesson as shippedLesson } from '../support/content.js';

const matmul = (a: number[][], b: number[][]) => a.map((row) => b[0]!.map((_, j) => row.reduce((sum, x, k) => sum + x * b[k]![j]!, 0)));
const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
const softmax = (row: number[]) => {
  const top = Math.max(...row);
  const exps = row.map((x) => Math.exp(x - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((x) => x / sum);
};

/** softmax(Q·Kᵀ/√d_k)·V, recomputed from the lesson's own Q, K and V. */
function recompute(example: AttentionExample) {
  const dK = example.k[0]!.length;
  const scaledScores = matmul(example.q, transpose(example.k)).map((row) => row.map((x) => x / Math.sqrt(dK)));
  const weights = scaledScores.map(softmax);
  return { scaledScores, weights, output: matmul(weights, example.v) };
}

describe('the worked scaled dot-product example', () => {
  for (const lang of ['en', 'zh'] as const) {
    const lesson = shippedLesson(lang, 'scaled-dot-product');
    const example = lesson.example!;

    it(`(${lang}) is attached to the lesson as data`, () => {
      expect(example).toBeDefined();
      expect(example.q.length).toBeGreaterThanOrEqual(2);
      expect(example.q.length).toBeLessThanOrEqual(3);
    });

    it(`(${lang}) has numbers that recompute from Q, K and V`, () => {
      const tolerance = 10 ** -example.decimals;
      const fresh = recompute(example);
      for (const key of ['scaledScores', 'weights', 'output'] as const) {
        fresh[key].forEach((row, i) => row.forEach((value, j) => expect(Math.abs(value - example[key][i]![j]!), `${key}[${i}][${j}]`).toBeLessThanOrEqual(tolerance)));
      }
      for (const row of example.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, example.decimals - 1);
    });

    it(`(${lang}) prints every number of the example in the expert text`, () => {
      const text = lesson.levels.expert;
      for (const key of ['q', 'k', 'v', 'scaledScores', 'weights', 'output'] as const) {
        for (const value of example[key].flat()) expect(text, `${key} ${value}`).toContain(value.toFixed(example.decimals));
      }
    });
  }

  it('is the same example in both languages', () => {
    expect(shippedLesson('zh', 'scaled-dot-product').example).toEqual(shippedLesson('en', 'scaled-dot-product').example);
  });
});
