/**
 * The decode loop on a scripted stand-in model (no ONNX): context accounting, trimming, whole-character streaming
 * and steps when a character is split over byte tokens. The shipped model is tested in the other files.
 */
import { describe, expect, it } from 'vitest';
import { fitToContext, TinyGptGenerator, type GeneratorModel } from '../../src/model/generator.js';
import type { DecoderStep } from '../../src/model/runtime.js';

const enc = new TextEncoder();
// Ids 0–255 are bytes, 256 = "ab", 257 = end token.
const END = 257;
const table = [...Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)), enc.encode('ab'), new Uint8Array(0)];
const NI = [...enc.encode('你')]; // three byte tokens

/**
 * A model whose favourite next id is script[k] (cycling) for the k-th new position, whatever it was fed (so the
 * candidates' look-ahead branches see the same script); records every position it was fed.
 */
function scripted(script: number[], context = 32) {
  const positions: number[] = [];
  let promptLength = 0;
  const step: DecoderStep = async (ids, _past, pastLength) => {
    if (pastLength === 0) promptLength = ids.length;
    ids.forEach((_, i) => positions.push(pastLength + i));
    const logits = new Float32Array(table.length).fill(-5);
    logits[script[(pastLength + ids.length - promptLength) % script.length] ?? 0] = 5;
    logits[256] = 1; // a runner-up, so candidates are more than one
    return { logits, past: {} };
  };
  const model: GeneratorModel = {
    name: 'scripted', context, endId: END, tokenBytes: table, step,
    encode: (text) => [...enc.encode(text)],
  };
  return { generator: new TinyGptGenerator(model), positions };
}

describe('decode loop', () => {
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
