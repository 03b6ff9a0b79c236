import type { AttentionExample } from '../../src/core/lessons/types.js';

/** The worked example of the scaled-dot-product expert lesson: one set of numbers, printed by both languages. */
export const SCALED_DOT_PRODUCT_EXAMPLE = {
  q: [
    [1, 0],
    [0, 1],
    [1, 1],
  ],
  k: [
    [2, 0],
    [0, 1],
    [1, 1],
  ],
  v: [
    [1, 0],
    [0, 1],
    [1, 1],
  ],
  scaledScores: [
    [1.41, 0, 0.71],
    [0, 0.71, 0.71],
    [1.41, 0.71, 1.41],
  ],
  weights: [
    [0.58, 0.14, 0.28],
    [0.2, 0.4, 0.4],
    [0.4, 0.2, 0.4],
  ],
  output: [
    [0.86, 0.42],
    [0.6, 0.8],
    [0.8, 0.6],
  ],
  decimals: 2,
} satisfies AttentionExample;
