/** The heatmap PNG: decodes, has the size its layout says, and its labels are real glyphs of the shipped font. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttentionMap } from '../../src/core/model-port.js';
import { drawable, shippedFont } from '../../src/heatmap/font.js';
import {
  displayLabel, heatmapLayout, missingGlyphs, renderAttentionHeatmap, renderAttentionText, strongestLinks,
} from '../../src/heatmap/index.js';
import type { TinyGpt } from '../../src/model/index.js';
import { shownDocuments } from '../../training/export-corpus.js';
import { shipped } from './shipped-model.js';

let gpt: TinyGpt;
let map: AttentionMap;
beforeAll(async () => {
  gpt = await shipped();
  map = await gpt.probe!.attention('我喜欢学习GPT, attention!');
});
afterAll(async () => gpt.close());

describe('attention heatmap PNG', () => {
  it('decodes as a PNG of the laid-out size', async () => {
    const png = await renderAttentionHeatmap(map);
    const meta = await sharp(png).metadata();
    const layout = heatmapLayout(map);
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([layout.width, layout.height]);
    expect(layout.width).toBeGreaterThan(layout.gridX + map.tokens.length * layout.cell);
  });

  it('draws the labels: ink where the row labels are, none where the font lacks nothing', async () => {
    expect(missingGlyphs(map.tokens.map(displayLabel).join(''))).toEqual([]);
    const layout = heatmapLayout(map);
    const png = await renderAttentionHeatmap(map);
    const labels = await sharp(png)
      .extract({ left: 0, top: layout.gridY, width: layout.gridX - 2, height: layout.cell * map.tokens.length })
      .greyscale()
      .raw()
      .toBuffer();
    expect(Math.min(...labels)).toBeLessThan(80); // dark text on white
  });

  it('draws Chinese labels as their own glyphs, not the .notdef box', () => {
    const font = shippedFont();
    const outline = (ch: string) => JSON.stringify(font.getPath(ch, 0, 0, 20).commands);
    const tofu = outline('\u{10FFFD}'); // a private-use code point no font covers
    for (const ch of '我喜欢学习注意力机制') {
      expect(font.charToGlyphIndex(ch), ch).toBeGreaterThan(0);
      expect(outline(ch), ch).not.toBe(tofu);
    }
    expect(missingGlyphs('😀')).toEqual(['😀']);
  });

  it('has a glyph for every Chinese character, letter and digit of the lessons and UI strings', async () => {
    const docs = shownDocuments();
    const chars = [...new Set([...docs.join('')])].filter((c) => c.trim() !== '' && /\P{C}/u.test(c)).join('');
    const wordChars = chars.replace(/[^\p{Script=Han}\p{L}\p{N}\p{P}]/gu, '').replace(/[ℝᵀ₀-₉⁰-⁹]/gu, '');
    expect(missingGlyphs(wordChars)).toEqual([]);
    // The few symbols the CJK font lacks (emoji, ℝ, ᵀ) are drawn as their code point (U+211D), never as a box.
    expect(missingGlyphs(drawable(chars))).toEqual([]);
    expect(drawable('ℝ😀')).toBe('U+211DU+1F600');
  });

  it('refuses an empty map', async () => {
    await expect(renderAttentionHeatmap({ ...map, tokens: [], weights: [] })).rejects.toThrow(/no tokens/);
  });
});

describe('attention in words', () => {
  it('lists the strongest links to earlier text, heaviest first', () => {
    const text = renderAttentionText(map, 3);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^.+ → .+ \(\d\.\d\d\)$/);
    const links = strongestLinks(map, 10);
    links.forEach((l, i) => {
      expect(l.to).toBeLessThan(l.from);
      if (i > 0) expect(l.weight).toBeLessThanOrEqual(links[i - 1]?.weight ?? 1);
    });
  });

  it('reads like the example', () => {
    const tiny: AttentionMap = {
      tokens: ['猫', '喜欢', '鱼'], layer: 0, head: 0, layers: 1, heads: 1,
      weights: [[1, 0, 0], [0.42, 0.58, 0], [0.1, 0.6, 0.3]],
    };
    expect(renderAttentionText(tiny, 2)).toBe('鱼 → 喜欢 (0.60)\n喜欢 → 猫 (0.42)');
  });
});
