/**
 * The decode loop on a scripted stand-in model (no ONNX): context accounting, trimming, whole-character streaming
 * and steps when a character is split over byte tokens. The shipped model is tested in the other files.
 */
import { describe, expect, it } from 'vitest';
import { fitToContext, TinyGptGenerator, type GeneratorModel } from '../../src/model/generator.js';
import type { Forward } from '../../src/model/forward-pass.js';

const enc = new TextEncoder();
// Ids 0–255 are bytes, 256 = "ab", 257 = end token.
const END = 257;
const table = [...Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)), enc.encode('ab'), new Uint8Array(0)];
const NI = [...enc.encode('你')]; // three byte tokens
const KV = { tensors: 2, heads: 1, headSize: 1 };

/**
 * A model whose favourite next id is script[k] (cycling) for the k-th new position, whatever it was fed (so the
 * candidates' look-ahead branches see the same script); records every position it was fed. Its "cache" holds each
 * position's token id, so a test can see that rows keep their own columns through joins and leaves.
 */
function scripted(script: number[], context = 32) {
  const positions: number[] = [];
  let promptLength = 0;
  const forward: Forward = async ({ ids, rows, seq, pads, past }) => {
    const pastLength = past?.length ?? 0;
    if (pastLength === 0) promptLength = seq;
    const total = pastLength + seq;
    const logits = new Float32Array(rows * table.length).fill(-5);
    const present = [new Float32Array(rows * total), new Float32Array(rows * total)];
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < seq; j++) positions.push(pastLength + j - (pads[r] ?? 0));
      for (const array of present) {
        array.set(past?.arrays[0]?.subarray(r * pastLength, (r + 1) * pastLength) ?? [], r * total);
        for (let j = 0; j < seq; j++) array[r * total + pastLength + j] = ids[r * seq + j] ?? 0;
      }
      const position = pastLength + seq - 1 - (pads[r] ?? 0);
      logits[r * table.length + (script[(position + 1 - promptLength) % script.length] ?? 0)] = 5;
      logits[r * table.length + 256] = 1; // a runner-up, so candidates are more than one
    }
    return { logits, vocab: table.length, present: { rows, length: total, arrays: present } };
  };
  const model: GeneratorModel = {
    name: 'scripted', context, endIds: [END], tokenBytes: table, forward, kv: KV,
    encode: (text) => [...enc.encode(text)],
  };
  return { generator: new TinyGptGenerator(model), positions };
}

describe('decode loop', () => {
  it('with the readable rules: the favourite repeats no 3-gram, and a blank line ends the paragraph', async () => {
    const A = 0x61; // the favourite at every step, 'ab' (256) the runner-up
    const plain = await scripted([A]).generator.generate({ prompt: 'x', maxNewTokens: 8, temperature: 0 });
    expect(plain.text).toBe('aaaaaaaa');
    const readable = await scripted([A]).generator.generate({ prompt: 'x', maxNewTokens: 8, temperature: 0, noRepeatNgram: 3 });
    // a a a is a 3-gram; a fourth a would repeat it, so the runner-up "ab" comes in: tokens, not letters, are counted.
    expect(readable.text.startsWith('aaa' + 'ab')).toBe(true);
    expect(readable.text).not.toBe(plain.text);
    expect(readable.steps[0]?.candidates[0]?.text).toBe('a'); // the first step is the model's own
    const NL = 0x0a;
    const paragraph = await scripted([A, 0x2e, NL, NL, A]).generator.generate({ prompt: 'x', maxNewTokens: 8, temperature: 0, stopAtParagraph: true });
    expect([paragraph.text, paragraph.stoppedBy]).toEqual(['a.', 'paragraph_end']);
  });

  it('streams whole characters only and ends with the final text', async () => {
    const { generator } = scripted([...NI, 0x21, END]);
    const seen: string[] = [];
    const r = await generator.generate({ prompt: 'x', maxNewTokens: 10, temperature: 0 }, (t) => seen.push(t));
    expect(r.text).toBe('你!');
    expect(seen).toEqual(['你', '你!']);
    expect(r.stoppedBy).toBe('end_token');
    expect(r.newTokens).toBe(4);
  });

  it('explains a character split over byte tokens as one step with whole-character candidates', async () => {
    const { generator } = scripted([...NI, 0x21, END]);
    const r = await generator.generate({ prompt: 'x', maxNewTokens: 10, temperature: 0, explainSteps: 3 });
    expect(r.steps.map((s) => s.chosen)).toEqual(['你', '!', '<|endoftext|>']);
    const first = r.steps[0]?.candidates ?? [];
    expect(first[0]?.text).toBe('你');
    expect(first.map((c) => c.text)).toContain('ab');
    for (const step of r.steps) for (const c of step.candidates) expect(c.text).not.toContain('\uFFFD');
  });

  it('drops a character cut off by the token limit, as streamed', async () => {
    const { generator } = scripted([0x21, ...NI]);
    const seen: string[] = [];
    const r = await generator.generate({ prompt: 'x', maxNewTokens: 3, temperature: 0 }, (t) => seen.push(t));
    expect(r.text).toBe('!');
    expect(seen.at(-1)).toBe(r.text);
    expect(r.stoppedBy).toBe('max_new_tokens');
  });

  it('never lets prompt + new tokens exceed the context, trimming the prompt from the start', async () => {
    const { generator, positions } = scripted([0x61], 32);
    const r = await generator.generate({ prompt: 'p'.repeat(100), maxNewTokens: 10, temperature: 0 });
    expect(r.promptTrimmed).toBe(true);
    expect(r.newTokens).toBe(10);
    expect(Math.max(...positions)).toBeLessThan(32);
    // 22 prompt tokens kept + 10 new = 32: the last new token is never fed back.
    expect(positions.length).toBe(22 + 9);
  });

  it('stops at the context when more new tokens are asked than fit', async () => {
    const { generator, positions } = scripted([0x61], 32);
    const r = await generator.generate({ prompt: 'hello', maxNewTokens: 100, temperature: 0 });
    expect(r.stoppedBy).toBe('context');
    expect(r.promptTrimmed).toBe(true);
    expect(1 + r.newTokens).toBe(32);
    expect(Math.max(...positions)).toBe(30);
  });

  it('fitToContext keeps at least one prompt token', () => {
    expect(fitToContext([1, 2, 3], 300, 256)).toEqual({ ids: [3], trimmed: true });
    expect(fitToContext([1, 2, 3], 10, 256)).toEqual({ ids: [1, 2, 3], trimmed: false });
  });

  it.each([
    [{ maxNewTokens: 0 }, /maxNewTokens/],
    [{ maxNewTokens: 1.5 }, /maxNewTokens/],
    [{ maxNewTokens: 1e9 }, /maxNewTokens/],
    [{ temperature: Number.NaN }, /temperature/],
    [{ temperature: -1 }, /temperature/],
    [{ topK: 0 }, /topK/],
    [{ topP: 0 }, /topP/],
    [{ topP: 1.5 }, /topP/],
    [{ seed: Number.NaN }, /seed/],
    [{ explainSteps: 0 }, /explainSteps/],
  ])('refuses %o with a clear message', async (bad, message) => {
    const { generator } = scripted([0x61]);
    await expect(generator.generate({ prompt: 'x', maxNewTokens: 5, temperature: 0, ...bad })).rejects.toThrow(message);
  });
});

/**
 * A model whose next id depends on the whole of a row's cache (the sum of its real columns), so rows that join and
 * leave a batch give the same text as alone only if every row keeps exactly its own columns and padding.
 */
function summing(maxBatch = 16) {
  let largest = 0;
  const forward: Forward = async ({ ids, rows, seq, pads, past }) => {
    largest = Math.max(largest, rows);
    const pastLength = past?.length ?? 0;
    const total = pastLength + seq;
    const logits = new Float32Array(rows * table.length);
    const present = [new Float32Array(rows * total), new Float32Array(rows * total)];
    for (let r = 0; r < rows; r++) {
      for (const array of present) {
        array.set(past?.arrays[0]?.subarray(r * pastLength, (r + 1) * pastLength) ?? [], r * total);
        for (let j = 0; j < seq; j++) array[r * total + pastLength + j] = ids[r * seq + j] ?? 0;
      }
      let sum = 0;
      for (let c = 0; c < total; c++) {
        const v = present[0]![r * total + c] ?? 0;
        if (c < (pads[r] ?? 0) && v !== 0) throw new Error('a padding column is not zero');
        if (c >= (pads[r] ?? 0)) sum += v;
      }
      // Letters a–z, and the end token when the sum hits a multiple of 23.
      logits[r * table.length + (sum % 23 === 0 ? END : 97 + (sum % 26))] = 1;
    }
    return { logits, vocab: table.length, present: { rows, length: total, arrays: present } };
  };
  const model: GeneratorModel = {
    name: 'summing', context: 64, endIds: [END], tokenBytes: table, forward, kv: KV, maxBatch,
    encode: (text) => [...enc.encode(text)],
  };
  return { generator: new TinyGptGenerator(model), largest: () => largest };
}

describe('micro-batching', () => {
  const prompts = ['a', 'hello there', 'GPT', 'xyz', 'a longer prompt than the others', 'q', 'attention', 'mm'];

  it('gives every row the text it gets alone, as rows of different lengths join and leave', async () => {
    const alone = summing();
    const expected = [];
    for (const [i, prompt] of prompts.entries()) expected.push(await alone.generator.generate({ prompt, maxNewTokens: 10 + i * 3, temperature: 0 }));
    expect(alone.generator.stats.largestBatch).toBe(1);
    const together = summing();
    const results = await Promise.all(prompts.map((prompt, i) => together.generator.generate({ prompt, maxNewTokens: 10 + i * 3, temperature: 0 })));
    expect(results.map((r) => r.text)).toEqual(expected.map((r) => r.text));
    expect(results.map((r) => r.stoppedBy)).toEqual(expected.map((r) => r.stoppedBy));
    expect(together.generator.stats.largestBatch).toBe(prompts.length);
    // Late arrivals join a running batch.
    const first = together.generator.generate({ prompt: 'a', maxNewTokens: 40, temperature: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    const late = await together.generator.generate({ prompt: 'hello there', maxNewTokens: 13, temperature: 0 });
    expect(late.text).toBe(expected[1]?.text);
    expect((await first).text).toBe((await alone.generator.generate({ prompt: 'a', maxNewTokens: 40, temperature: 0 })).text);
  });

  it('keeps each row\'s own sampling settings and seed', async () => {
    const requests = [
      { prompt: 'a', maxNewTokens: 12, temperature: 1, seed: 1 },
      { prompt: 'b', maxNewTokens: 12, temperature: 0 },
      { prompt: 'c', maxNewTokens: 12, temperature: 2, topK: 3, seed: 9 },
    ];
    const alone = summing();
    const expected = [];
    for (const request of requests) expected.push((await alone.generator.generate(request)).text);
    const together = summing();
    const texts = (await Promise.all(requests.map((request) => together.generator.generate(request)))).map((r) => r.text);
    expect(texts).toEqual(expected);
    expect(together.largest()).toBe(3);
  });

  it('holds no more rows than its batch size; the rest wait their turn', async () => {
    const small = summing(3);
    const results = await Promise.all(prompts.map((prompt) => small.generator.generate({ prompt, maxNewTokens: 8, temperature: 0 })));
    expect(results).toHaveLength(prompts.length);
    expect(small.generator.stats.largestBatch).toBe(3);
  });
});

describe('fast sampling', () => {
  it('chooses exactly what the reference distribution + pick chooses, for any settings and seed', async () => {
    const { chooseNext, pick, samplingDistribution, seededRandom, topLogitIds, rankIds, softmax } = await import('../../src/model/sampling.js');
    const r = seededRandom(5);
    for (let trial = 0; trial < 40; trial++) {
      const logits = Float32Array.from({ length: 300 }, () => Math.round((r() - 0.5) * 40) / 2); // many ties
      const k = 1 + Math.floor(r() * 60);
      expect(topLogitIds(logits, k)).toEqual(rankIds(softmax(logits)).slice(0, k));
      for (const o of [{ temperature: 0 }, { temperature: 0.7, topK: k }, { temperature: 1.3, topK: k, topP: 0.8 }, { temperature: 1, topP: 0.5 }]) {
        for (let seed = 0; seed < 5; seed++) {
          expect(chooseNext(logits, o, seededRandom(seed))).toBe(pick(samplingDistribution(logits, o), o.temperature === 0, seededRandom(seed)));
        }
      }
    }
  });
});
