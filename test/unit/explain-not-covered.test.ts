/**
 * Honest routing (issue 17): a question outside the curriculum is told "not covered — here is what I teach", a term
 * of the field without a lesson is told so with the nearest lessons; neither shows a lesson (`topic: null`), in the
 * asker's language, and no "did you mean" guess.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime.js';
import { asker, offlineRuntime } from './fixtures.js';

describe('/explain outside the curriculum', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  it.each([
    ['en', 'who won the 2022 world cup?', 'is not something I cover'],
    ['zh', '红烧肉怎么做才好吃', '不在我讲的范围内'],
    ['zh-Hant', '週末去哪裡玩比較好', '不在我講的範圍內'],
  ])('%s: "%s" is not covered, with where the lessons start and all of them', async (locale, question, says) => {
    const who = asker({ locale, userId: `newcomer-${locale}` });
    const reply = await runtime.tutor.handleText(`/explain ${question}`, who);
    expect(reply.error).toBeUndefined();
    expect(reply.topic).toBeNull();
    expect(reply.text).toContain(says);
    expect(reply.text).not.toMatch(/did you mean|是这一课吗|不太确定/i);
    expect(reply.buttons).toHaveLength(2);
    // The first button opens the first lesson of the path for a student who has opened none.
    const opened = await runtime.tutor.press({ ...who, buttonId: reply.buttons[0]!.id });
    expect(opened.topic).toBe('gpt');
  });

  it('says a term of the field has no lesson yet, and offers the nearest lessons', async () => {
    const reply = await runtime.tutor.handleText('/explain how do diffusion models make images', asker({ locale: 'en' }));
    expect(reply.topic).toBeNull();
    expect(reply.text).toMatch(/^I have no lesson on Diffusion models yet/);
    expect(reply.buttons.length).toBeGreaterThanOrEqual(2);
    const zh = await runtime.tutor.handleText('扩散模型是怎么生成图片的', asker({ locale: 'zh' }));
    expect(zh.topic).toBeNull();
    expect(zh.text).toContain('扩散模型属于人工智能，但我还没有讲它的课');
  });

  it('still opens the lesson a question inside the curriculum is about', async () => {
    const reply = await runtime.tutor.handleText('/explain what is a KV cache', asker({ locale: 'en' }));
    expect(reply.topic).toBe('kv-cache');
    const zh = await runtime.tutor.handleText('/explain 什么是混合专家模型', asker({ locale: 'zh' }));
    expect(zh.topic).toBe('mixture-of-experts');
  });
});
