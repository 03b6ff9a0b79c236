/** Generation on the shipped model through the real onnxruntime: exact greedy output, seeds, streaming, steps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextGenerator } from '../../src/core/model-port.js';
import type { TinyGpt } from '../../src/model/index.js';
import { GENERATE_DEFAULTS } from '../../commands/generate/handler.js';
import { shipped } from './shipped-model.js';

// Stored from the shipped model (q8, greedy, 24 new tokens); a retrain changes them: update them with the model.
// The model alone, greedy, still falls into loops ("No training. No training.") and blank lines: what it learned.
const EXPECTED_GREEDY: Record<string, string> = {
  'Attention is': ' the encoder-attention. The encoder-attention. GPT-2 has no encoder-2 has no encoder-only.',
  'GPT stands for': ' GPT-3-3-3-3-3-3\'s accuracy: the same question.\n\n',
  '预训练': '-time RL compute. No training. No training. No training.\n\n\n\nCom',
};
// What `/generate temperature:0` shows with its readable defaults (repetition penalty, no repeated 3-token run,
// a stop at the paragraph's end): the loops and the blank lines are gone.
const EXPECTED_READABLE: Record<string, { text: string; stoppedBy: string }> = {
  'GPT stands for': { text: " GPT-3's accuracy, and the model.", stoppedBy: 'paragraph_end' },
  '预训练': { text: '-time RL compute. No training thinking time.', stoppedBy: 'end_token' },
};

let q8: TinyGpt;
let gen: TextGenerator;
beforeAll(async () => {
  q8 = await shipped('q8');
  gen = q8.generator;
});
afterAll(async () => q8.close());

const greedy = (prompt: string, maxNewTokens = 24) => gen.generate({ prompt, maxNewTokens, temperature: 0 });

describe('greedy generation (temperature 0)', () => {
  it.each(Object.entries(EXPECTED_GREEDY))('continues %j exactly as stored', async (prompt, expected) => {
    const r = await greedy(prompt);
    expect(r.text).toBe(expected);
    expect(gen.modelName).toBe('gpt-tutor-tiny');
  });

  it.each(Object.entries(EXPECTED_READABLE))("continues %j as /generate's readable defaults store it", async (prompt, expected) => {
    const r = await gen.generate({ prompt, ...GENERATE_DEFAULTS, temperature: 0 });
    expect({ text: r.text, stoppedBy: r.stoppedBy }).toEqual(expected);
  });

  it('is the same on every run', async () => {
    const a = await greedy('The Transformer');
    const b = await greedy('The Transformer');
    expect(b).toEqual(a);
  });

  it('agrees between the int8 and fp32 weights on the first tokens', async () => {
    const fp32 = await shipped('fp32');
    try {
      for (const prompt of ['Attention is', '注意力机制', 'GPT stands for']) {
        const a = await gen.generate({ prompt, maxNewTokens: 8, temperature: 0 });
        const b = await fp32.generator.generate({ prompt, maxNewTokens: 8, temperature: 0 });
        expect(b.text, prompt).toBe(a.text);
      }
    } finally {
      await fp32.close();
    }
  });
});

describe('streaming and stopping', () => {
  it('streams text that only grows, in whole characters, and ends equal to the final text', async () => {
    for (const prompt of ['注意力', 'Pretraining means', '我喜欢']) {
      const seen: string[] = [];
      const r = await gen.generate({ prompt, maxNewTokens: 40, temperature: 0.9, seed: 7 }, (t) => seen.push(t));
      expect(seen.at(-1) ?? '', prompt).toBe(r.text);
      seen.forEach((t, i) => i > 0 && expect(t.startsWith(seen[i - 1] ?? '')).toBe(true));
      expect(r.text).not.toContain('\uFFFD');
    }
  });

  it('reports why it stopped and never makes more tokens than asked', async () => {
    const r = await gen.generate({ prompt: 'GPT', maxNewTokens: 5, temperature: 0 });
    expect(r.newTokens).toBeLessThanOrEqual(5);
    expect(['end_token', 'max_new_tokens']).toContain(r.stoppedBy);
  });

  it('trims a prompt that does not fit the context from the start and says so', async () => {
    const long = 'Attention lets each token look at earlier tokens. '.repeat(60);
    const r = await gen.generate({ prompt: long, maxNewTokens: 16, temperature: 0 });
    expect(r.promptTrimmed).toBe(true);
    expect(r.newTokens).toBeLessThanOrEqual(16);
    const short = await gen.generate({ prompt: 'Attention', maxNewTokens: 16, temperature: 0 });
    expect(short.promptTrimmed).toBe(false);
  });

  it('handles a 10,000-character prompt', async () => {
    const r = await gen.generate({ prompt: '注意力'.repeat(3334), maxNewTokens: 4, temperature: 0 });
    expect(r.promptTrimmed).toBe(true);
  });
});

describe('sampling', () => {
  const sample = (seed: number) =>
    gen.generate({ prompt: 'The model', maxNewTokens: 48, temperature: 1, topK: 50, topP: 0.95, seed });

  it('gives the same text for the same seed', async () => {
    expect((await sample(42)).text).toBe((await sample(42)).text);
  });

  it('gives different text for different seeds (48 tokens)', async () => {
    const texts = new Set([(await sample(1)).text, (await sample(2)).text, (await sample(3)).text]);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('with top-k 1 is greedy', async () => {
    const a = await gen.generate({ prompt: 'Attention is', maxNewTokens: 12, temperature: 1.5, topK: 1, seed: 9 });
    expect(a.text).toBe((await greedy('Attention is', 12)).text);
  });
});

describe('how it chose', () => {
  it('gives top-5 candidates with probabilities for the first step by default', async () => {
    const r = await greedy('Attention is', 6);
    expect(r.steps).toHaveLength(1);
    const [step] = r.steps;
    expect(step?.candidates.length).toBeGreaterThan(1);
    expect(step?.candidates.length).toBeLessThanOrEqual(5);
    expect(step?.candidates[0]?.text).toBe(step?.chosen);
    const probs = step?.candidates.map((c) => c.probability) ?? [];
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
    expect(probs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('explains N steps with whole characters, whose chosen texts spell the output', async () => {
    const r = await gen.generate({ prompt: '注意力机制', maxNewTokens: 12, temperature: 0, explainSteps: 5 });
    expect(r.steps.length).toBe(Math.min(5, r.steps.length));
    expect(r.steps.length).toBeGreaterThan(0);
    for (const s of r.steps) for (const c of [s.chosen, ...s.candidates.map((x) => x.text)]) expect(c).not.toContain('\uFFFD');
    const spelled = r.steps.map((s) => s.chosen).join('');
    expect(r.text.startsWith(spelled) || spelled.startsWith(r.text)).toBe(true);
  });
});
