/** The attention probe on the shipped model: whole-character labels, rows that sum to 1, causality. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeGroups } from '../../src/model/probe.js';
import type { TinyGpt } from '../../src/model/index.js';
import { chooseHead } from '../../training/choose-head.js';
import { MODEL_DIR, shipped } from './shipped-model.js';

let gpt: TinyGpt;
beforeAll(async () => {
  gpt = await shipped();
});
afterAll(async () => gpt.close());

describe('attention probe', () => {
  it.each(['我喜欢学习GPT', 'The cat sat on the mat because it was tired.', '注意力 attention 龘 😀'])(
    'labels %j with whole characters, rows sum to 1, nothing above the diagonal',
    async (sentence) => {
      const map = await gpt.probe!.attention(sentence);
      expect(map.tokens.join('')).toBe(sentence);
      for (const t of map.tokens) expect(t).not.toContain('\uFFFD');
      expect(map.weights).toHaveLength(map.tokens.length);
      map.weights.forEach((row, i) => {
        expect(row).toHaveLength(map.tokens.length);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThanOrEqual(0)));
      });
    },
  );

  it('shows every layer and head on request, with the counts', async () => {
    const map = await gpt.probe!.attention('Attention is all you need', 3, 7);
    expect(map).toMatchObject({ layer: 3, head: 7, layers: 4, heads: 8 });
    const other = await gpt.probe!.attention('Attention is all you need', 0, 0);
    expect(other.weights).not.toEqual(map.weights);
  });

  it('shows by default the head chosen with the attention sink set aside, as choose-head.ts measures it now', async () => {
    const manifest = JSON.parse(readFileSync(join(MODEL_DIR, 'manifest.json'), 'utf8')) as {
      attention_default: { layer: number; head: number; sink_free_score: number; chance_score: number };
    };
    const map = await gpt.probe!.attention('注意力机制让每个词都能看前面的词');
    expect({ layer: map.layer, head: map.head }).toEqual({ layer: manifest.attention_default.layer, head: manifest.attention_default.head });
    expect(gpt.info.attentionDefault).toEqual({ layer: map.layer, head: map.head });
    // The record is today's measurement on the fixed sentences, not a stale one: re-measured here, the same head wins.
    const { choice, scores } = await chooseHead(MODEL_DIR);
    expect(choice).toEqual(manifest.attention_default);
    expect(Math.max(...scores.flat())).toBe(choice.sink_free_score);
    expect(choice.sink_free_score).toBeGreaterThan(choice.chance_score);
  });

  it('refuses a layer or head that does not exist, and an empty text', async () => {
    await expect(gpt.probe!.attention('hi', 4, 0)).rejects.toThrow(/layer/);
    await expect(gpt.probe!.attention('hi', 0, -1)).rejects.toThrow(/head/);
    await expect(gpt.probe!.attention('', 0, 0)).rejects.toThrow(/empty/);
    await expect(gpt.probe!.attention('字'.repeat(300))).rejects.toThrow(/context/);
  });
});

describe('merging byte tokens into characters', () => {
  it('sums columns, averages rows, and keeps rows at 1 and causality', () => {
    // Tokens: a, [x1 x2] (one character in two pieces), b; token-level rows each sum to 1.
    const w = Float32Array.from([1, 0, 0, 0, 0.5, 0.5, 0, 0, 0.2, 0.3, 0.5, 0, 0.1, 0.2, 0.3, 0.4]);
    const merged = mergeGroups(w, 4, [
      { text: 'a', start: 0, end: 1 },
      { text: 'X', start: 1, end: 3 },
      { text: 'b', start: 3, end: 4 },
    ]);
    expect(merged[0]).toEqual([1, 0, 0]);
    expect(merged[1]?.[0]).toBeCloseTo(0.35); // mean of 0.5 and 0.2
    expect(merged[1]?.[1]).toBeCloseTo(0.65); // mean of (0.5 + 0) and (0.3 + 0.5)
    expect(merged[1]?.[2]).toBe(0);
    expect(merged[2]?.[1]).toBeCloseTo(0.5);
  });
});
