/**
 * The heatmap's shipped font (assets/fonts, read with opentype.js as src/heatmap reads it) has a glyph for every
 * character of every lesson, quiz and UI text in Simplified, Taiwan and Hong Kong Traditional, and for the common
 * characters students type: China's (GB 2312 level 1) and Taiwan's (Big5's frequently used block). And
 * `/attention 我們喜歡學習` through the tutor and the real renderer draws its labels and captions as glyphs, never as
 * a `U+…` code point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENTION_SHAPE } from '../../commands/attention.js';
import { t, toScript } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import { drawable, missingGlyphs } from '../../src/heatmap/font.js';
import { displayLabel } from '../../src/heatmap/index.js';
import type { Runtime } from '../../src/main/runtime.js';
import { fontText } from '../../training/export-font-text.js';
import { asker, offlineRuntime } from './fixtures.js';

/** Every character a two-byte code decodes to in the given lead and trail byte ranges (Han only: no gaps, no PUA). */
function decodeBlock(encoding: string, leads: readonly number[], trails: readonly number[], last = 0xffff): string[] {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const chars: string[] = [];
  for (const lead of leads) {
    for (const trail of trails) {
      if (lead * 0x100 + trail > last) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (/^\p{Script=Han}$/u.test(ch)) chars.push(ch);
      } catch {
        // an unassigned code point
      }
    }
  }
  return chars;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** China's common hanzi: GB 2312 level 1 (rows 16–55, bytes B0A1–D7F9), read through GBK, which keeps them. */
const GB2312_LEVEL_1 = decodeBlock('gbk', range(0xb0, 0xd7), range(0xa1, 0xfe));
/** Taiwan's common characters: Big5's frequently used block, A440–C67E. */
const BIG5_COMMON = decodeBlock('big5', range(0xa4, 0xc6), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)], 0xc67e);

describe('the shipped heatmap font', () => {
  it('has China’s 3,755 and Taiwan’s 5,401 common characters', () => {
    expect(GB2312_LEVEL_1).toHaveLength(3755);
    expect(BIG5_COMMON).toHaveLength(5401);
    expect(missingGlyphs(GB2312_LEVEL_1.join(''))).toEqual([]);
    expect(missingGlyphs(BIG5_COMMON.join(''))).toEqual([]);
  });

  it('has every letter, digit, punctuation mark and Han character of the texts in zh, zh-Hant and zh-HK', async () => {
    const text = await fontText();
    expect(text).toContain('記憶體'); // Taiwan's words are in it, not only Simplified
    const chars = [...new Set(text)].join('');
    const wordChars = chars.replace(/[^\p{Script=Han}\p{L}\p{N}\p{P}]/gu, '').replace(/[ℝᵀ₀-₉⁰-⁹]/gu, '');
    expect(missingGlyphs(wordChars)).toEqual([]);
  });
});

describe('/attention 我們喜歡學習 (the shipped model and the real renderer)', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  it.each([
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-HK'],
  ] as const)('a %s reader gets Traditional labels and captions, all drawn as glyphs', async (platformLocale, locale: Locale) => {
    const reply = await runtime.tutor.handleText('/attention 我們喜歡學習', asker({ locale: platformLocale, platform: 'terminal' }));
    expect(reply.error).toBeUndefined();
    expect(reply.locale).toBe(locale);
    expect(reply.heatmap!.labels.join('')).toBe('我們喜歡學習');
    const place = { layer: 1, layers: ATTENTION_SHAPE.layers, head: 1, heads: ATTENTION_SHAPE.heads };
    const captions = (['attention.title', 'attention.rows', 'attention.columns'] as const).map((key) => toScript(locale, t(locale, key, place)));
    for (const shown of [...reply.heatmap!.labels.map(displayLabel), ...captions]) expect(drawable(shown), shown).toBe(shown);
    expect(captions[0]).toMatch(/層/);
  });
});
