/**
 * The prefix cache: prompts that share a long beginning (a lesson's system prompt) prefill only what follows it,
 * and greedy text is the same as with every prefill run whole — on the shipped model through the real runtime, in
 * both graphs (the int8 one quantizes each token on its own, so a shorter prefill computes the same numbers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KvCache } from '../../src/model/kv.js';
import { loadTinyGpt, type TinyGpt } from '../../src/model/index.js';
import { MIN_PREFIX_TOKENS, PrefixCache } from '../../src/model/prefix-cache.js';

const LESSON =
  'Lesson: Attention. Each token asks a question with its query, every token answers with its key, and the answer ' +
  'is a weighted average of their values: the weights come from how well the query matches each key. ';
const QUESTIONS = ['Question: what is a key? Answer:', 'Question: why softmax? Answer:', 'Question: what does a head do? Answer:'];

describe.each(['fp32' as const, 'q8' as const])('prefix reuse on the shipped model (%s)', (dtype) => {
  let cached: TinyGpt;
  let whole: TinyGpt;
  beforeAll(async () => {
    cached = await loadTinyGpt({ dtype });
    whole = await loadTinyGpt({ dtype, prefixCacheBytes: 0 });
  });
  afterAll(async () => {
    await cached.close();
    await whole.close();
  });

  it('prefills only the question after the first student, with the same greedy text as whole prefills', async () => {
    expect(cached.encode(LESSON).length).toBeGreaterThan(MIN_PREFIX_TOKENS);
    const request = (q: string) => ({ prompt: LESSON + q, maxNewTokens: 16, temperature: 0 });
    const expected = [];
    for (const q of QUESTIONS) expected.push((await whole.generator.generate(request(q))).text);
    const before = { ...cached.generator.prefixStats! };
    const got = [];
    for (const q of QUESTIONS) got.push((await cached.generator.generate(request(q))).text);
    expect(got).toEqual(expected);
    const after = cached.generator.prefixStats!;
    expect(after.hits - before.hits).toBe(QUESTIONS.length - 1); // the first student fills the cache
    expect(after.reusedTokens - before.reusedTokens).toBeGreaterThanOrEqual((QUESTIONS.length - 1) * cached.encode(LESSON).length - 4);
    expect(whole.generator.prefixStats).toBeUndefined();
  });

  it('gives concurrent students (batched rows) the same text as whole prefills', async () => {
    const request = (q: string) => ({ prompt: LESSON + q, maxNewTokens: 12, temperature: 0 });
    const expected = [];
    for (const q of QUESTIONS) expected.push((await whole.generator.generate(request(q))).text);
    const together = await Promise.all(QUESTIONS.map((q) => cached.generator.generate(request(q))));
    expect(together.map((r) => r.text)).toEqual(expected);
  });
});

describe('PrefixCache bookkeeping', () => {
  const shape = { tensors: 2, heads: 2, headSize: 3 };
  /** A one-row cache whose values tell column c of tensor t, head h apart: t*1000 + h*100 + c. */
  const cacheOf = (length: number): KvCache => ({
    rows: 1,
    length,
    arrays: [0, 1].map((t) => Float32Array.from({ length: 2 * length * 3 }, (_, i) => t * 1000 + Math.floor(i / (length * 3)) * 100 + Math.floor((i % (length * 3)) / 3))),
  });
  const ids = (n: number, tail: number[] = []) => [...Array.from({ length: n }, (_, i) => i + 1), ...tail];

  it('keeps a mostly new prompt whole, then the beginning two prompts share on its own', () => {
    const cache = new PrefixCache(shape, 1 << 20, 4);
    expect(cache.lookup(ids(10, [50, 51]))).toBeUndefined();
    cache.remember(ids(10, [50, 51]), cacheOf(12));
    const hit = cache.lookup(ids(10, [60]));
    expect(hit?.length).toBe(10);
    // Cut to 10 columns, head by head.
    expect(Array.from(hit!.past.arrays[1]!.subarray(0, 3))).toEqual([1000, 1000, 1000]);
    expect(Array.from(hit!.past.arrays[1]!.subarray(30, 33))).toEqual([1100, 1100, 1100]);
    cache.remember(ids(10, [60]), cacheOf(11), hit!.length); // mostly reused: not kept whole, its shared 10 kept
    const third = cache.lookup(ids(10, [70, 71]));
    expect(third?.length).toBe(10);
    expect(third?.past.length).toBe(10);
    expect(cache.stats).toEqual({ hits: 2, misses: 1, reusedTokens: 20 });
  });

  it('leaves one token to prefill, ignores short shared openings, and stays within its byte budget', () => {
    const cache = new PrefixCache(shape, 2 * 2 * 12 * 3 * 4, 4); // room for one 12-column cache
    cache.remember(ids(12), cacheOf(12));
    expect(cache.lookup(ids(12))?.length).toBe(11);
    expect(cache.lookup(ids(3, [99, 98, 97, 96]))).toBeUndefined(); // 3 shared < 4
    cache.remember([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101], cacheOf(12)); // evicts the first
    expect(cache.lookup(ids(12))).toBeUndefined();
  });
});
