/**
 * Micro-batching on the shipped model through the real onnxruntime: concurrent requests share forward passes
 * (left-padded rows that join and leave), greedy text equals the text each prompt gets alone, and several /generate
 * jobs of one worker reach the batcher together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTinyGpt, type TinyGpt } from '../../src/model/index.js';
import type { Runtime } from '../../src/main/runtime.js';
import { asker, offlineRuntime } from '../unit/fixtures.js';

const PROMPTS = ['Attention is', '注意力机制', 'GPT stands for', 'The Transformer', '预训练', 'Tokens are', 'A language model', '我喜欢学习'];

async function alone(gpt: TinyGpt, maxNewTokens: (i: number) => number) {
  const texts: string[] = [];
  for (const [i, prompt] of PROMPTS.entries()) texts.push((await gpt.generator.generate({ prompt, maxNewTokens: maxNewTokens(i), temperature: 0 })).text);
  return texts;
}

// A row of a batch is computed exactly as alone, so greedy text is equal to the last token, in both graphs: the int8
// one quantizes activations with one scale per token (training/quantize.py), never across the rows of a batch.
describe.each(['fp32' as const, 'q8' as const])('batched generation on the shipped model (%s)', (dtype) => {
  let gpt: TinyGpt;
  beforeAll(async () => {
    gpt = await loadTinyGpt({ dtype });
  });
  afterAll(async () => gpt.close());

  it('gives each prompt, greedy, the same text as alone, with rows of different lengths joining and leaving', async () => {
    const budget = (i: number) => 12 + 5 * i; // rows leave at different steps
    const expected = await alone(gpt, budget);
    const before = gpt.generator.stats.largestBatch;
    const together = await Promise.all(PROMPTS.map((prompt, i) => gpt.generator.generate({ prompt, maxNewTokens: budget(i), temperature: 0 })));
    expect(together.map((r) => r.text)).toEqual(expected);
    expect(before).toBe(1);
    expect(gpt.generator.stats.largestBatch).toBe(PROMPTS.length);
  });

  it('keeps greedy text equal to alone with the readable rules on (repetition penalty, no-repeat n-gram, paragraph stop)', async () => {
    const readable = { temperature: 0, repetitionPenalty: 1.2, noRepeatNgram: 3, stopAtParagraph: true };
    const expected = [];
    for (const prompt of PROMPTS) expected.push(await gpt.generator.generate({ prompt, maxNewTokens: 40, ...readable }));
    const together = await Promise.all(PROMPTS.map((prompt) => gpt.generator.generate({ prompt, maxNewTokens: 40, ...readable })));
    expect(together.map((r) => [r.text, r.stoppedBy])).toEqual(expected.map((r) => [r.text, r.stoppedBy]));
  });

  it('lets a request join a batch that is already running', async () => {
    const long = gpt.generator.generate({ prompt: 'Attention is', maxNewTokens: 60, temperature: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await gpt.generator.generate({ prompt: 'GPT stands for', maxNewTokens: 20, temperature: 0 });
    const first = await long;
    expect(late.text).toBe((await gpt.generator.generate({ prompt: 'GPT stands for', maxNewTokens: 20, temperature: 0 })).text);
    expect(first.text).toBe((await gpt.generator.generate({ prompt: 'Attention is', maxNewTokens: 60, temperature: 0 })).text);
  });
});

describe.each(['fp32' as const, 'q8' as const])('batched sampling (%s)', (dtype) => {
  it("keeps each row's seed and settings: the same text as alone", async () => {
    const gpt = await loadTinyGpt({ dtype });
    const requests = PROMPTS.slice(0, 4).map((prompt, i) => ({ prompt, maxNewTokens: 30, temperature: 0.7 + i * 0.2, topK: 20 + i * 10, topP: 0.9, seed: 100 + i }));
    const expected = [];
    for (const request of requests) expected.push((await gpt.generator.generate(request)).text);
    const together = await Promise.all(requests.map((request) => gpt.generator.generate(request)));
    expect(together.map((r) => r.text)).toEqual(expected);
    await gpt.close();
  });
});

describe('through the worker', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime({});
  });
  afterAll(async () => runtime.close());

  it('runs concurrent /generate jobs as one batch (WORKER_MODEL_CONCURRENCY lets them reach the batcher)', async () => {
    const gpt = await loadTinyGpt(); // the instance the worker uses: one load per process
    const rowStepsBefore = gpt.generator.stats.rowSteps;
    const stepsBefore = gpt.generator.stats.steps;
    const replies = await Promise.all(
      ['Attention is', 'GPT', '注意力', 'Tokens'].map((prompt, i) =>
        runtime.tutor.handleText(`/generate temperature:0 max_new_tokens:40 ${prompt}`, asker({ userId: `u${i}`, platform: 'terminal' })),
      ),
    );
    expect(replies.map((reply) => reply.command)).toEqual(['generate', 'generate', 'generate', 'generate']);
    // More tokens than forward passes: rows shared passes.
    expect(gpt.generator.stats.rowSteps - rowStepsBefore).toBeGreaterThan(gpt.generator.stats.steps - stepsBefore);
    expect(gpt.generator.stats.largestBatch).toBeGreaterThan(1);
  });
});
