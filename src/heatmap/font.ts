/**
 * The shipped font (a subset of Noto Sans CJK SC, OFL, assets/fonts/: Simplified and Traditional characters, built
 * by `npm run font:subset`) read with opentype.js. Labels are drawn as glyph outlines (SVG paths), so the PNG does
 * not depend on any font installed on the machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import opentype, { type Font, type PathCommand } from 'opentype.js';

export const FONT_FILE = fileURLToPath(new URL('../../assets/fonts/NotoSansCJK-Subset.otf', import.meta.url));

let cached: Font | undefined;

export function shippedFont(): Font {
  if (!cached) {
    const bytes = readFileSync(FONT_FILE);
    cached = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return cached;
}

/** Characters of `text` the font has no glyph for (they would be drawn as .notdef, a "tofu" box). */
export function missingGlyphs(text: string, font: Font = shippedFont()): string[] {
  return [...new Set([...text].filter((ch) => font.charToGlyphIndex(ch) === 0))];
}

/** Replaces characters the font lacks by their code point ("U+1F600"), so no tofu box is ever drawn. */
export function drawable(text: string, font: Font = shippedFont()): string {
  return [...text]
    .map((ch) => (font.charToGlyphIndex(ch) === 0 ? `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}` : ch))
    .join('');
}

const n = (v: number | undefined): string => (v ?? 0).toFixed(2);

/**
 * SVG path data from outline commands. Written here because opentype.js 2.0's own toPathData emits NaN for some
 * glyphs of this font (学, ·, # among ~300), which would blank the rest of the label.
 */
export function pathData(commands: readonly PathCommand[]): string {
  return commands
    .map((c) => {
      if (c.type === 'Z') return 'Z';
      if (c.type === 'C') return `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`;
      if (c.type === 'Q') return `Q${n(c.x1)} ${n(c.y1)} ${n(c.x)} ${n(c.y)}`;
      return `${c.type}${n(c.x)} ${n(c.y)}`;
    })
    .join('');
}

/** One line of text as an SVG path; (x, y) is the left end of the baseline. */
export function textPath(text: string, x: number, y: number, size: number, fill: string, font: Font = shippedFont()) {
  const d = pathData(font.getPath(drawable(text, font), x, y, size).commands);
  return d ? `<path d="${d}" fill="${fill}"/>` : '';
}

export function textWidth(text: string, size: number, font: Font = shippedFont()): number {
  return font.getAdvanceWidth(drawable(text, font), size);
}
