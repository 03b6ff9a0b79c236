/**
 * The student's script and language: lessons are found from Traditional input (預訓練, 多頭注意力 …) in /explain,
 * /quiz and autocomplete; with no /lang choice a question in Han characters is answered in Chinese (Traditional
 * characters → zh-Hant), and Latin text never moves a Chinese reader to English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/markdown.js';
import { suggestTopics } from '../../src/core/lessons/suggest.js';
import { localeForTyped, looksTraditional, toSimplified } from '../../src/core/script.js';
import type { Runtime } from '../../src/main/runtime.js';
import { CATALOG } from '../support/content.js';
import { asker, offlineRuntime } from './fixtures.js';

describe('scripts', () => {
  it('tells Traditional from shared characters, and converts Taiwan phrases', () => {
    expect(toSimplified('什麼是預訓練')).toBe('什么是预训练');
    expect(toSimplified('記憶體')).toBe('内存');
    // Simplified text is left as typed, and 向量 stays 向量 from Traditional too (the phrase list says 矢量).
    expect(toSimplified('词向量是怎么来的')).toBe('词向量是怎么来的');
    expect(toSimplified('詞向量是怎麼來的')).toBe('词向量是怎么来的');
    expect(looksTraditional('注意力')).toBe(false);
    expect(looksTraditional('多頭注意力')).toBe(true);
    expect(localeForTyped('en', 'attention')).toBe('en');
    expect(localeForTyped('zh', 'attention')).toBe('zh');
    expect(localeForTyped('en', '注意力机制')).toBe('zh');
    expect(localeForTyped('en', '詞元')).toBe('zh-Hant');
    expect(localeForTyped('zh-Hant', '注意力')).toBe('zh-Hant');
  });
});

describe('lookups and replies from what the student typed (offline runtime)', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  const cases = [
    ['/explain 預訓練', 'pretraining'],
    ['什麼是預訓練', 'pretraining'],
    ['/explain 微調', 'fine-tuning'],
    ['/explain 詞元', 'tokens'],
    ['/explain 採樣', 'sampling'],
    ['/explain 多頭注意力', 'multi-head'],
  ] as const;
  for (const [line, topic] of cases) {
    it(`finds ${topic} from “${line}” for a zh-Hant reader and for an English locale, answering in zh-Hant`, async () => {
      for (const who of [asker({ locale: 'zh-TW', userId: `tw-${topic}` }), asker({ locale: 'en-US', userId: `en-${topic}` })]) {
        const reply = await runtime.tutor.handleText(line, who);
        expect(reply).toMatchObject({ topic, locale: 'zh-Hant' });
      }
    });
  }

  it('finds the decoder lessons from 解碼器 (two of them match: offered as choices)', async () => {
    const who = asker({ locale: 'zh-TW', userId: 'tw-decoder' });
    const reply = await runtime.tutor.handleText('/explain 解碼器', who);
    expect(reply.buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['編碼器、解碼器與三大模型家族', '僅解碼器架構（Decoder-only）']));
    expect((await runtime.tutor.press({ buttonId: reply.buttons[0]!.id, ...who })).topic).toMatch(/decoder/);
  });

  it('answers a Simplified question in Chinese for an English locale; Latin input keeps a Chinese reader in Chinese', async () => {
    expect(await runtime.tutor.handleText('/explain 什么是预训练', asker({ locale: 'en-US', userId: 'en-zh' }))).toMatchObject({ topic: 'pretraining', locale: 'zh' });
    expect(await runtime.tutor.handleText('/explain attention', asker({ locale: 'zh-CN', userId: 'zh-latin' }))).toMatchObject({ topic: 'attention', locale: 'zh' });
    // A /lang choice wins over what was typed.
    const chooser = asker({ locale: 'en-US', userId: 'chooser' });
    await runtime.tutor.handleText('/lang en', chooser);
    expect((await runtime.tutor.handleText('/explain 注意力机制', chooser)).locale).toBe('en');
  });

  it('practises the lesson named in Traditional characters', async () => {
    const reply = await runtime.tutor.handleText('/quiz 預訓練', asker({ locale: 'zh-TW', userId: 'tw-quiz' }));
    expect(reply.error).toBeUndefined();
    expect(reply.buttons.length).toBeGreaterThanOrEqual(2);
    expect(toPlainText(reply.text)).not.toMatch(/沒有關於|没有关于/);
  });

  it('suggests the lesson in autocomplete from Traditional input', () => {
    expect(suggestTopics('預訓練', 'zh-Hant', CATALOG).map((choice) => choice.value)).toContain('pretraining');
    expect(suggestTopics('多頭', 'zh-Hant', CATALOG).map((choice) => choice.value)).toContain('multi-head');
  });
});
