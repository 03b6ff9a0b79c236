import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/core/lessons/types.js';
import { toPlainText } from '../../src/core/markdown.js';
import { lesson } from '../support/content.js';

const LANGS = ['en', 'zh'] as const;
type Lang = (typeof LANGS)[number];
const text = (lang: Lang, level: (typeof LEVELS)[number]) => toPlainText(lesson(lang, 'reasoning-models').levels[level]);
const percentages = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?%/g)].map((m) => m[0]).sort();
const num = (s: string) => Number(s.replace(/,/g, ''));

/** Each "P% (s of n)" the beginner level states: OpenAI's AIME 2024 averages (GPT-4o 1.8/15, o1 11.1/15). */
function aimeShares(lang: Lang): { percent: number; solved: number; of: number }[] {
  const body = text(lang, 'beginner');
  const pattern = lang === 'en' ? /(\d+)%[^()]{0,30}\((\d+(?:\.\d+)?) of (\d+)/g : /(\d+)%（(\d+)题中(\d+(?:\.\d+)?)题）/g;
  return [...body.matchAll(pattern)].map((m) =>
    lang === 'en' ? { percent: num(m[1]!), solved: num(m[2]!), of: num(m[3]!) } : { percent: num(m[1]!), solved: num(m[3]!), of: num(m[2]!) },
  );
}

/** Thinking tokens × price per million output tokens = the cost the beginner level states. */
function thinkingCost(lang: Lang): { tokens: number; pricePerMillion: number; cost: number } {
  const body = text(lang, 'beginner');
  const m =
    lang === 'en'
      ? /thinks for ([\d,]+) tokens.*?\$(\d+) per million output tokens.*?\$(\d+\.\d{2})/s.exec(body)
      : /思考了(\d+)万个词元.*?每百万输出词元(\d+)美元.*?(\d+\.\d{2})美元/s.exec(body);
  expect(m, `${lang}: the beginner level states tokens, price and cost`).not.toBeNull();
  const tokens = lang === 'en' ? num(m![1]!) : num(m![1]!) * 10_000;
  return { tokens, pricePerMillion: num(m![2]!), cost: num(m![3]!) };
}

/** The GRPO snippet of the expert level: its rewards and the advantages it claims for them. */
function grpoExample(lang: Lang): { rewards: number[]; advantages: number[] } {
  const body = text(lang, 'expert');
  const rewards = /r = np\.array\(\[([^\]]+)\]\)/.exec(body);
  const advantages = /A = \(r - r\.mean\(\)\) \/ r\.std\(\)\s*#\s*\[([^\]]+)\]/.exec(body);
  expect(rewards, `${lang}: rewards`).not.toBeNull();
  expect(advantages, `${lang}: advantages`).not.toBeNull();
  const list = (s: string) => s.split(',').map((x) => Number(x.trim()));
  return { rewards: list(rewards![1]!), advantages: list(advantages![1]!) };
}

describe('reasoning-models lesson: its figures, recomputed', () => {
  for (const lang of LANGS) {
    it(`(${lang}) AIME shares: 1.8 of 15 is 12%, 11.1 of 15 is 74%`, () => {
      const shares = aimeShares(lang);
      expect(shares.map((s) => s.solved)).toEqual([1.8, 11.1]);
      for (const { percent, solved, of } of shares) expect(Math.round((100 * solved) / of)).toBe(percent);
    });

    it(`(${lang}) thinking tokens × price per million output tokens = the cost stated`, () => {
      const { tokens, pricePerMillion, cost } = thinkingCost(lang);
      expect(pricePerMillion).toBe(60); // o1's published API price per 1M output tokens
      expect(Math.round(((tokens * pricePerMillion) / 1_000_000) * 100) / 100).toBe(cost);
    });

    it(`(${lang}) GRPO advantages are (r − mean) / std of the group (NumPy's population std)`, () => {
      const { rewards, advantages } = grpoExample(lang);
      const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
      const std = Math.sqrt(rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / rewards.length);
      expect(advantages).toHaveLength(rewards.length);
      rewards.forEach((r, i) => expect(advantages[i]).toBeCloseTo((r - mean) / std, 6));
    });
  }

  it('states the same percentages in English and Chinese at every level', () => {
    expect(percentages(text('en', 'expert'))).toEqual(['79.2%', '79.8%']);
    for (const level of LEVELS) expect(percentages(text('zh', level)), level).toEqual(percentages(text('en', level)));
  });

  it('the English and Chinese cost examples are the same example', () => {
    expect(thinkingCost('zh')).toEqual(thinkingCost('en'));
  });
});
