/**
 * The figures of the transformer-block lesson (locales/<lang>/lessons/transformer-block.md) and its quiz, recomputed
 * from their inputs: a figure in either language that does not follow from them fails here.
 * Inputs: Brown et al. 2020, GPT-3 (175B: d_model 12,288, 96 layers, d_ff = 4·d_model); Radford et al. 2019, GPT-2
 * (smallest: 12 layers, d_model 768); the cross-entropy of a token given probability 0.25 is −ln 0.25.
 * Weights per block, biases and norms left out: attention W_Q, W_K, W_V, W_O (4·d²) + FFN d×4d and 4d×d (8·d²).
 */
import { describe, expect, it } from 'vitest';
import { plainLevels, questionText, topicQuestions } from '../support/content.js';

const en = plainLevels('en', 'transformer-block');
const zh = plainLevels('zh', 'transformer-block');
const quiz = topicQuestions('transformer-block');
const question = (id: string) => quiz.find((q) => q.id === id)!;
const quizText = (id: string, lang: 'en' | 'zh') => questionText(question(id), lang);
const correctOption = (id: string, lang: 'en' | 'zh') => question(id).text[lang].options[question(id).correct]!;

const GPT3 = { dModel: 12_288, layers: 96 };
const GPT2_SMALL = { dModel: 768, layers: 12 };
const FFN_WIDTH = 4;
const B = 1e9;

const attentionWeights = (d: number) => 4 * d * d;
const ffnWeights = (d: number) => d * FFN_WIDTH * d + FFN_WIDTH * d * d;
const blockWeights = (d: number) => attentionWeights(d) + ffnWeights(d);
/** 1.74e11 → "1740亿", 1.4e7 → "1400万": how the Chinese text writes a rounded count. */
const zhCount = (value: number, digits: number) => {
  const [unit, size] = value >= 1e8 ? ['亿', 1e8] : ['万', 1e4];
  const rounded = Number((value / size).toPrecision(digits));
  return `${rounded}${unit}`;
};

describe('transformer-block lesson numbers', () => {
  it('cross-entropy: p = 0.25 gives −ln(0.25) ≈ 1.386, and p = 1 gives 0 (beginner)', () => {
    const loss = -Math.log(0.25);
    expect(loss).toBeCloseTo(Math.log(4), 12);
    expect(en.beginner).toContain(`p = 0.25`);
    expect(en.beginner).toContain(`loss = −ln(0.25) ≈ ${loss.toFixed(3)}`);
    expect(zh.beginner).toContain(`p = 0.25`);
    expect(zh.beginner).toContain(`损失 = −ln(0.25) ≈ ${loss.toFixed(3)}`);
    expect(-Math.log(1)).toBe(-0);
    expect(en.beginner).toContain('A perfect p = 1 gives loss 0');
    expect(zh.beginner).toContain('p = 1时损失为0');
  });

  it('12·d² per block: 4·d² attention + 8·d² FFN, as the expert table gives it', () => {
    const d = 1;
    expect(attentionWeights(d)).toBe(4);
    expect(ffnWeights(d)).toBe(8);
    expect(blockWeights(d)).toBe(12);
    for (const text of [en.expert, zh.expert]) {
      expect(text).toMatch(/W_Q, W_K, W_V, W_O\s+4·d²/);
      expect(text).toMatch(/d×4d \+ 4d×d\s+8·d²/);
      expect(text).toMatch(/\s12·d²/);
    }
  });

  it('GPT-3 175B: 12 × 12288² × 96 ≈ 174 B, nearly all of its 175 B parameters', () => {
    const total = blockWeights(GPT3.dModel) * GPT3.layers;
    expect(total).toBe(173_946_175_488);
    expect(total / (175 * B)).toBeGreaterThan(0.99);
    const stated = `12 × ${GPT3.dModel}² × ${GPT3.layers} ≈ ${Math.round(total / B)} B`;
    expect(en.expert).toContain(`GPT-3 175B: ${stated}`);
    expect(zh.expert).toContain(`GPT-3 175B：${stated}`);
    expect(zh.expert).toContain(`约${zhCount(total, 3)}`);
    expect(en.beginner).toContain(`${GPT3.layers} in GPT-3`);
    expect(zh.beginner).toContain(`GPT-3有${GPT3.layers}块`);
  });

  it('the FFN widens 4 times: 768 → 3,072 → 768 in GPT-2 small, which has 12 blocks (beginner)', () => {
    const hidden = FFN_WIDTH * GPT2_SMALL.dModel;
    expect(hidden).toBe(3072);
    expect(en.beginner).toContain(`${GPT2_SMALL.dModel} → ${hidden.toLocaleString('en-US')} → ${GPT2_SMALL.dModel}`);
    expect(zh.beginner).toContain(`${GPT2_SMALL.dModel} → ${hidden} → ${GPT2_SMALL.dModel}`);
    expect(en.beginner).toContain(`widens the vector ${FFN_WIDTH} times`);
    expect(zh.beginner).toContain(`加宽到${FFN_WIDTH}倍`);
    expect(en.beginner).toContain(`${GPT2_SMALL.layers} in the smallest GPT-2`);
    expect(zh.beginner).toContain(`最小的GPT-2有${GPT2_SMALL.layers}块`);
    for (const text of [en.expert, zh.expert]) expect(text).toContain(`d → ${FFN_WIDTH}d → d`);
  });

  it('the quiz: −ln(0.25) ≈ 1.386, and 12·d²·96 ≈ 174 B against the slips behind the other options', () => {
    const loss = (-Math.log(0.25)).toFixed(3);
    expect(correctOption('transformer-block-3', 'en')).toContain(`About ${loss}, that is −ln(0.25)`);
    expect(correctOption('transformer-block-3', 'zh')).toContain(`约${loss}，即 −ln(0.25)`);
    for (const lang of ['en', 'zh'] as const) expect(quizText('transformer-block-3', lang)).toContain(`ln 4 ≈ ${loss}`);
    expect(question('transformer-block-3').text.en.options).toContain(`${1 / 0.25}, that is 1 / 0.25`);

    const d = GPT3.dModel;
    const total = blockWeights(d) * GPT3.layers;
    expect(correctOption('transformer-block-5', 'en')).toBe(`About ${Math.round(total / B)} billion weights`);
    expect(correctOption('transformer-block-5', 'zh')).toBe(`约${zhCount(total, 3)}`);
    const oneBlock = blockWeights(d);
    const notSquared = 12 * d * GPT3.layers;
    const attentionOnly = attentionWeights(d) * GPT3.layers;
    const en5 = question('transformer-block-5').text.en.options;
    const zh5 = question('transformer-block-5').text.zh.options;
    expect(en5).toContain(`About ${(oneBlock / B).toFixed(1)} billion weights`);
    expect(en5).toContain(`About ${Math.round(notSquared / 1e6)} million weights`);
    expect(en5).toContain(`About ${Math.round(attentionOnly / B)} billion weights`);
    expect(zh5).toContain(`约${zhCount(oneBlock, 2)}`);
    expect(zh5).toContain(`约${zhCount(notSquared, 2)}`);
    expect(zh5).toContain(`约${zhCount(attentionOnly, 2)}`);
    expect(quizText('transformer-block-5', 'en')).toContain(`12 × 12,288² ≈ ${(oneBlock / B).toFixed(1)} B`);
    expect(quizText('transformer-block-5', 'en')).toContain(`12 × 12,288² × 96 ≈ ${Math.round(total / B)} B`);
    expect(quizText('transformer-block-5', 'zh')).toContain(`12 × 12288² ≈ ${zhCount(oneBlock, 2)}`);
    expect(quizText('transformer-block-5', 'zh')).toContain(`12 × 12288² × 96 ≈ ${zhCount(total, 3)}`);
  });
});
