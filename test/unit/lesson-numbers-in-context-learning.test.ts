import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/core/lessons/types.js';
import { toPlainText } from '../../src/core/markdown.js';
import { lesson } from '../support/content.js';

const LANGS = ['en', 'zh'] as const;
const text = (lang: (typeof LANGS)[number], level: (typeof LEVELS)[number]) => toPlainText(lesson(lang, 'in-context-learning').levels[level]);

/**
 * The lesson's point: prompting changes no weights. Each level must say so in words that mean "unchanged"; a level
 * that said the weights change (or dropped the point) matches none of these.
 */
const WEIGHTS_UNCHANGED = {
  en: [
    /\bweights\b[^.!?]{0,80}\b(stay (exactly )?the same|are never written|never change|do not change|don't change)/i,
    /\bno weights change\b/i,
    /\bfrozen weights\b/i,
  ],
  zh: [/权重[^。！？]{0,12}(原封不动|不变|没有变|没变|从不被写入|不会改变)/, /冻结的权重/],
} as const;

const percentages = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?%/g)].map((m) => m[0]).sort();

describe('in-context-learning lesson: what it states', () => {
  for (const lang of LANGS) {
    for (const level of LEVELS) {
      it(`(${lang} ${level}) says the weights do not change`, () => {
        const body = text(lang, level);
        expect(WEIGHTS_UNCHANGED[lang].some((pattern) => pattern.test(body)), body.slice(0, 200)).toBe(true);
      });

      it(`(${lang} ${level}) never says that prompting trains or updates the weights`, () => {
        const said = lang === 'en' ? /\b(prompt|example)s?\b[^.!?]{0,40}\b(update|train|change)s? the weights\b/i : /(提示|例子)[^。！？]{0,20}(更新|改变|训练)了?权重/;
        expect(text(lang, level)).not.toMatch(said);
      });
    }

    it(`(${lang} expert) recomputes the demonstration cost: k demonstrations of L tokens add k·L tokens`, () => {
      const body = text(lang, 'expert');
      const stated = /(\d+) × (\d+) = ([\d,]+)/.exec(body);
      expect(stated, 'the expert level states k × L = total').not.toBeNull();
      const [k, L, total] = [stated![1]!, stated![2]!, stated![3]!.replace(/,/g, '')].map(Number);
      expect(k! * L!).toBe(total);
    });

    it(`(${lang}) gives the published figures: GPT-3's K of 10–100 in a 2048-token window`, () => {
      const body = text(lang, 'expert');
      expect(body).toMatch(/10–100/);
      expect(body).toMatch(/n_ctx = 2048/);
      expect(body).toMatch(/175B/);
    });
  }

  it('gives the same percentages in English and Chinese at every level (Kojima et al. 2022: 17.7% → 78.7%)', () => {
    expect(percentages(text('en', 'beginner'))).toEqual(['17.7%', '78.7%']);
    for (const level of LEVELS) expect(percentages(text('zh', level)), level).toEqual(percentages(text('en', level)));
  });
});
