/**
 * The figures of the scaling lesson (locales/<lang>/lessons/scaling.md) and its quiz, recomputed from their
 * published inputs: a figure in either language that does not follow from them fails here.
 * Inputs: Hoffmann et al. 2022 (Chinchilla 70 B / 1.4 T tokens, Gopher 280 B / 300 B), Brown et al. 2020 (GPT-3
 * 175 B / 300 B tokens, 3.14e23 FLOPs reported), Kaplan et al. 2020 (α_N ≈ 0.076), Meta 2024 (Llama 3 8B, over 15 T).
 */
import { describe, expect, it } from 'vitest';
import { plainLevels, questionText, topicQuestions } from '../support/content.js';

const en = plainLevels('en', 'scaling');
const zh = plainLevels('zh', 'scaling');
const quiz = topicQuestions('scaling');
const quizText = (lang: 'en' | 'zh') => quiz.map((q) => questionText(q, lang)).join('\n');

const B = 1e9;
const T = 1e12;
const CHINCHILLA = { n: 70 * B, d: 1.4 * T };
const GOPHER = { n: 280 * B, d: 300 * B };
const GPT3 = { n: 175 * B, d: 300 * B, reportedFlops: 3.14e23 };
const LLAMA3_8B = { n: 8 * B, d: 15 * T };
const KAPLAN_ALPHA_N = 0.076;

const flops = ({ n, d }: { n: number; d: number }) => 6 * n * d;
/** 5.04e23 → "5.0e23" (digits after the point as the text gives them). */
const sci = (value: number, digits: number) => value.toExponential(digits).replace('e+', 'e');
/** 7e10 → "700亿", 1.4e12 → "1.4万亿": how the Chinese text writes a count. */
const zhCount = (value: number) => (value >= T ? `${+(value / T).toFixed(2)}万亿` : `${+(value / 1e8).toFixed(2)}亿`);

describe('scaling lesson numbers', () => {
  it("Chinchilla's ratio: 1.4 T / 70 B = 20 tokens per parameter, in every level and both languages", () => {
    const ratio = CHINCHILLA.d / CHINCHILLA.n;
    expect(ratio).toBeCloseTo(20, 10);
    expect(en.beginner).toContain(`1.4 T / 70 B = ${ratio} tokens per parameter`);
    expect(zh.beginner).toContain(`${zhCount(CHINCHILLA.d)} ÷ ${zhCount(CHINCHILLA.n)} = ${ratio}`);
    expect(en.beginner).toContain('Chinchilla: 70 B parameters, 1.4 T tokens');
    expect(zh.beginner).toContain(`Chinchilla：${zhCount(CHINCHILLA.n)}参数，${zhCount(CHINCHILLA.d)}词元`);
    expect(en.beginner).toContain('Gopher: 280 B parameters, 300 B tokens');
    expect(zh.beginner).toContain(`Gopher：${zhCount(GOPHER.n)}参数，${zhCount(GOPHER.d)}词元`);
    for (const text of Object.values(en)) expect(text).toMatch(new RegExp(`\\b${ratio}\\b`));
    for (const text of Object.values(zh)) expect(text).toContain(String(ratio));
    expect(en.expert).toContain(`about ${ratio} tokens per parameter`);
    expect(zh.expert).toContain(`每个参数约${ratio}个词元`);
  });

  it('Chinchilla against Gopher: four times fewer parameters, almost five times the tokens', () => {
    expect(GOPHER.n / CHINCHILLA.n).toBe(4);
    const moreData = CHINCHILLA.d / GOPHER.d;
    expect(moreData).toBeGreaterThan(4.5);
    expect(moreData).toBeLessThan(5);
    expect(en.beginner).toContain('four times smaller');
    expect(zh.beginner).toContain('小了4倍');
    expect(en.kid).toContain('almost five times as much');
    expect(zh.kid).toContain('差不多是Gopher的5倍');
  });

  it('training compute 6·N·D for Gopher, Chinchilla and GPT-3, as the expert level gives it', () => {
    const gopher = flops(GOPHER);
    const chinchilla = flops(CHINCHILLA);
    const gpt3 = flops(GPT3);
    expect(Math.abs(gpt3 - GPT3.reportedFlops) / GPT3.reportedFlops).toBeLessThan(0.01);
    for (const text of [en.expert, zh.expert]) {
      expect(text).toContain(`≈ ${sci(gopher, 1)} FLOPs`);
      expect(text).toContain(`≈ ${sci(chinchilla, 1)} FLOPs`);
      expect(text).toContain(`≈ ${sci(gpt3, 2)}`);
    }
    const gpt3Ratio = (GPT3.d / GPT3.n).toFixed(1);
    expect(en.expert).toContain(`≈ ${gpt3Ratio} tokens/param`);
    expect(zh.expert).toContain(`约${gpt3Ratio}词元/参数`);
  });

  it('the chinchilla() sketch: a 5.88e23 budget gives 70 B parameters and 1.4 T tokens', () => {
    const budget = 5.88e23;
    const n = Math.sqrt(budget / (6 * 20));
    expect(n).toBeCloseTo(CHINCHILLA.n, -6);
    expect(20 * n).toBeCloseTo(CHINCHILLA.d, -7);
    for (const text of [en.expert, zh.expert]) expect(text).toContain(`chinchilla(${budget.toExponential().replace('e+', 'e')})`);
    for (const text of [en.expert, zh.expert]) expect(text).toContain(`→ (${sci(n, 1)}, ${sci(20 * n, 1)})`);
  });

  it("Kaplan's power law: ten times the parameters multiplies the loss by about 0.84", () => {
    const factor = 10 ** -KAPLAN_ALPHA_N;
    for (const text of [en.expert, zh.expert]) {
      expect(text).toContain(`α_N ≈ ${KAPLAN_ALPHA_N}`);
      expect(text).toContain(`10^(−${KAPLAN_ALPHA_N}) ≈ ${factor.toFixed(2)}`);
    }
  });

  it('Llama 3 8B: 15 T / 8 B = 1,875 tokens per parameter, about 94× the Chinchilla ratio', () => {
    const perParameter = LLAMA3_8B.d / LLAMA3_8B.n;
    expect(perParameter).toBe(1875);
    const times = Math.round(perParameter / (CHINCHILLA.d / CHINCHILLA.n));
    expect(en.expert).toContain(`15 T / 8 B = ${perParameter.toLocaleString('en-US')} tokens per parameter, about ${times}×`);
    expect(zh.expert).toContain(`15T ÷ 8B = ${perParameter}词元/参数，约为Chinchilla比例的${times}倍`);
    expect(zh.expert).toContain(`超过${zhCount(LLAMA3_8B.d)}词元`);
  });

  it('the timeline gives the published sizes (GPT-1, GPT-2, GPT-3, Llama 3.1 405B) and no size for GPT-4', () => {
    for (const [model, size] of [['GPT-1', 117e6], ['GPT-2', 1.5 * B], ['GPT-3', 175 * B]] as const) {
      const enSize = size >= B ? `${size / B} B` : `${size / 1e6} M`;
      expect(en.beginner).toMatch(new RegExp(`${model}\\s+${enSize.replace('.', '\\.')}`));
      expect(zh.beginner).toMatch(new RegExp(`${model}\\s+${zhCount(size).replace('.', '\\.')}`));
    }
    expect(en.beginner).toContain('405 B');
    expect(zh.beginner).toContain(zhCount(405 * B));
    expect(en.beginner).toMatch(/GPT-4\s+size not published/);
    expect(zh.beginner).toMatch(/GPT-4\s+规模未公开/);
  });

  it('the quiz figures: 10 B × 20 = 200 B tokens, GPT-3 6·N·D ≈ 3.15e23, 8 B × 20 = 160 B', () => {
    expect(10 * B * 20).toBe(200 * B);
    expect(quizText('en')).toContain('10 B × 20 = 200 B');
    expect(quizText('zh')).toContain(`${zhCount(10 * B)} × 20 = ${zhCount(200 * B)}`);
    const gpt3 = flops(GPT3) / 1e23;
    expect(quizText('en')).toContain(`${gpt3.toFixed(2)} × 10²³`);
    expect(quizText('zh')).toContain(`${gpt3.toFixed(2)} × 10²³`);
    expect(quizText('en')).toContain(`${(GPT3.n * GPT3.d / 1e22).toFixed(2)} × 10²² FLOPs`);
    expect(quizText('en')).toContain(`${(2 * GPT3.n * GPT3.d / 1e23).toFixed(2)} × 10²³ FLOPs`);
    expect(quizText('en')).toContain(`about ${(LLAMA3_8B.n * 20) / B} B tokens for 8 B parameters`);
    expect(quizText('zh')).toContain(`约${zhCount(LLAMA3_8B.n * 20)}词元`);
    expect(quizText('en')).toContain(`about ${(CHINCHILLA.d / GOPHER.d).toFixed(1)}× more tokens`);
    expect(quizText('zh')).toContain(`约${(CHINCHILLA.d / GOPHER.d).toFixed(1)}倍的词元`);
  });
});
