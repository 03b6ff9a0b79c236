/** /generate and /attention through the tutor (in-process queue) on the shipped model with the real ONNX runtime. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENTION_SHAPE } from '../../commands/attention.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Reply } from '../../src/core/reply.js';
import type { Runtime } from '../../src/main/runtime.js';
import { asker, offlineRuntime } from './fixtures.js';

const PNG_MAGIC = '89504e470d0a1a0a';
// The terminal is exempt from rate limits: these tests send more model commands than a chat user may.
const student = (locale = 'en') => asker({ locale, userId: `model-${locale}`, platform: 'terminal' });

describe('model commands on the shipped tiny GPT', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  it('/generate at temperature 0 is repeatable, names its model and counts its tokens', async () => {
    const first = await runtime.tutor.handleText('/generate temperature:0 max_new_tokens:20 Attention is', student());
    const second = await runtime.tutor.handleText('/generate temperature:0 max_new_tokens:20 Attention is', student());
    expect(first.error).toBeUndefined();
    expect(first).toMatchObject({ command: 'generate', model: 'gpt-tutor-tiny' });
    expect(first.newTokens).toBeGreaterThan(0);
    expect(first.newTokens).toBeLessThanOrEqual(20);
    expect(first.text).toBe(second.text);
    expect(first.text).toMatch(/^\*\*Attention is\*\*/);
    expect(first.text).toMatch(/How it chose the first token/);
    expect(first.text).toMatch(/trained only on these lessons/);
  });

  it('/generate with a seed gives the same text for the same seed', async () => {
    const line = '/generate seed:7 temperature:1 max_new_tokens:30 注意力机制';
    const a = await runtime.tutor.handleText(line, student('zh'));
    const b = await runtime.tutor.handleText(line, student('zh'));
    expect(a.text).toBe(b.text);
    expect(a.locale).toBe('zh');
    expect(a.text).toMatch(/随机种子 7/);
  });

  it('streams the text as it grows, and the last update is the final text', async () => {
    const updates: Reply[] = [];
    const reply = await runtime.tutor.handleText('/generate temperature:0 max_new_tokens:40 The Transformer', student(), {
      onUpdate: (update) => updates.push(update),
    });
    expect(updates.length).toBeGreaterThan(0);
    // The final reply starts with the whole generated text; every update was a prefix of it.
    for (const update of updates) expect(reply.text.startsWith(update.text)).toBe(true);
    expect(updates.at(-1)!.text.length).toBeGreaterThan('**The Transformer**'.length);
  });

  it('steps:N reveals the candidates of the first N steps one at a time, then all of them', async () => {
    const updates: Reply[] = [];
    const reply = await runtime.tutor.handleText('/generate steps:3 temperature:0 Attention is', student(), { onUpdate: (update) => updates.push(update) });
    const revealed = updates.filter((update) => /Step 1: /.test(update.text));
    expect(revealed.some((update) => !/Step 2: /.test(update.text))).toBe(true);
    expect(revealed.some((update) => /Step 3: /.test(update.text))).toBe(true);
    expect(reply.text).toMatch(/Step 1: /);
    expect(reply.text).toMatch(/Step 3: /);
    expect(reply.text).not.toMatch(/Step 4: /);
  });

  it('/attention draws a PNG heatmap and says the strongest links in words, in the user’s language', async () => {
    const reply = await runtime.tutor.handleText('/attention 我喜欢学习GPT', student('zh'));
    expect(reply.error).toBeUndefined();
    expect(reply.locale).toBe('zh');
    expect(Buffer.from(reply.image!.base64, 'base64').subarray(0, 8).toString('hex')).toBe(PNG_MAGIC);
    expect(reply.image!.alt).toMatch(/我喜欢学习GPT/);
    expect(reply.heatmap!.labels.join('')).toBe('我喜欢学习GPT');
    for (const row of reply.heatmap!.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(reply.text).toMatch(/最强的关联/);
  });

  it('refuses a layer or head the model does not have, naming the real range, whatever the number', async () => {
    const { layers, heads } = ATTENTION_SHAPE;
    // The command's bounds are the shipped model's counts: the last layer and head are there, one more is not.
    const last = await runtime.tutor.handleText(`/attention layer:${layers} head:${heads} hello there`, student());
    expect(last.error).toBeUndefined();
    expect(last.text).toContain(`layer ${layers}/${layers} · head ${heads}/${heads}`);
    for (const [option, count] of [['layer', layers], ['head', heads]] as const) {
      for (const value of [count + 1, 12, 16, 99]) {
        const reply = await runtime.tutor.handleText(`/attention ${option}:${value} hello there`, student());
        expect(reply.error?.key).toBe('errors.option_out_of_range');
        expect(toPlainText(reply.text)).toBe(`${option} must be between 1 and ${count}.`);
      }
    }
  });
});
