/**
 * Shared set-up of the property tests: one fixed seed for every run (a failure names it, with the path of the
 * shrunk case, in fast-check's message: `{ seed: …, path: "…" }` replays it), and text arbitraries that mix any
 * code point with lone surrogates, the markdown subset, Discord and Telegram markup, mentions, CSV separators and
 * formula triggers, bidi controls and line breaks — what users, teachers' files and the model send.
 */
import fc from 'fast-check';

/** Fixed: CI sees the same cases every run. Set FC_SEED to explore others (the message of a failure names its seed). */
export const SEED = Number(process.env['FC_SEED'] ?? 20_260_701);

fc.configureGlobal({ seed: SEED, numRuns: 300 });

/** Runs per property, by cost: a cheap check runs many cases, one that renders long texts fewer. */
export const RUNS = { cheap: 2_000, normal: 500, costly: 150 } as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Pieces with a meaning somewhere: markdown, Discord markdown and mentions, HTML, CSV, bidi, line breaks. */
const MARKUP = [
  '*', '**', '`', '```', '\\', '_', '~~', '||', '#', '## ', '-# ', '> ', '- ', '1. ', '[', ']', '(', ')',
  '<', '>', '&', '&amp;', '&lt;', '"', "'", '<b>', '</b>', '<pre>', '</pre>', '<@123>', '<#42>', '<@&7>',
  '@everyone', '@here', '@', '=', '+', '-', ',', ';', ':', '\t', '\r', '\n', '\n\n', '\r\n', ' ', '  ',
  '\u00a0', '\u200b', '\u202e', '\u2066', '\u061c', '\ufeff', '\u0000', '\u0007',
  'é', 'e\u0301', '中文', '注意力', '😀', '👩‍👩‍👧', '🇨🇳', 'https://example.com/x?y=1',
];

/** One unit of text: mostly ordinary, often markup, sometimes a lone surrogate or any code point at all. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
  { weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Text of up to `maxUnits` units (each a few characters). */
export function text(maxUnits = 40, minUnits = 0): fc.Arbitrary<string> {
  return fc.array(textUnit, { minLength: minUnits, maxLength: maxUnits }).map((units) => units.join(''));
}

/** Markdown-shaped replies: paragraphs, lists, fenced code blocks (some with a language, some left open). */
export function markdown(maxBlocks = 12): fc.Arbitrary<string> {
  const code = fc
    .tuple(fc.constantFrom('```', '```ts', '```python', '  ```'), fc.array(text(12), { maxLength: 6 }), fc.boolean())
    .map(([fence, lines, closed]) => [fence, ...lines.map((line) => line.replace(/\n/g, ' ')), ...(closed ? ['```'] : [])].join('\n'));
  const block = fc.oneof({ weight: 4, arbitrary: text(30) }, { weight: 1, arbitrary: code });
  return fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n\n')), { maxLength: maxBlocks }).map((blocks) => blocks.map(([body, gap]) => body + gap).join(''));
}

/** A long reply (a few thousand characters): one block repeated, so that splitting happens. */
export function longMarkdown(): fc.Arbitrary<string> {
  return fc.tuple(markdown(6), fc.integer({ min: 1, max: 40 })).map(([body, times]) => Array.from({ length: times }, () => body).join('\n\n'));
}

/** True when `text` has no lone surrogate. */
export const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
