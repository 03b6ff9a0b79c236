/**
 * `npm run bench:traditional`: what Traditional output costs a reply. Every Chinese text the tutor shows (lessons,
 * quiz, UI) converted for zh-Hant and zh-HK as replies are (phrase dictionaries, the fix list, corner quotes), against
 * a baseline in the same run: OpenCC's character-level cn→tw converter, what replies used before. The first
 * conversion (dictionaries loading) is timed apart. One JSON object on stdout; the ratios are the verdict.
 */
import { performance } from 'node:perf_hooks';
import * as OpenCC from 'opencc-js/cn2t';
import { toTraditional } from '../src/core/traditional.js';
import { chineseTexts } from '../training/chinese-texts.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

const texts = chineseTexts().map((entry) => entry.text);
const chars = texts.reduce((sum, text) => sum + text.length, 0);

function firstUse(make: () => (text: string) => string): { convert: (text: string) => string; first_ms: number } {
  const start = performance.now();
  const convert = make();
  convert(texts[0] ?? '');
  return { convert, first_ms: Math.round((performance.now() - start) * 10) / 10 };
}

/** The median time of one pass over every text, in ms, with passes of each converter interleaved. */
function medians(converters: Record<string, (text: string) => string>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(converters).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, convert] of Object.entries(converters)) {
      const start = performance.now();
      for (const text of texts) convert(text);
      samples[name]!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, times]) => [name, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!]));
}

const baseline = firstUse(() => OpenCC.Converter({ from: 'cn', to: 'tw' }) as (text: string) => string);
const taiwan = firstUse(() => (text: string) => toTraditional('tw', text));
const hongKong = firstUse(() => (text: string) => toTraditional('hk', text));
const pass = medians({ baseline: baseline.convert, taiwan: taiwan.convert, hongKong: hongKong.convert });
const perThousandChars = (ms: number) => Math.round((ms / chars) * 1000 * 1000) / 1000;

process.stdout.write(
  `${JSON.stringify({
    corpus: { texts: texts.length, chars },
    rounds: ROUNDS,
    baseline_char_level_cn_tw: { first_use_ms: baseline.first_ms, pass_ms: Math.round(pass['baseline']! * 10) / 10, ms_per_1000_chars: perThousandChars(pass['baseline']!) },
    zh_Hant_twp_with_fixes: { first_use_ms: taiwan.first_ms, pass_ms: Math.round(pass['taiwan']! * 10) / 10, ms_per_1000_chars: perThousandChars(pass['taiwan']!) },
    zh_HK_hkp_with_fixes: { first_use_ms: hongKong.first_ms, pass_ms: Math.round(pass['hongKong']! * 10) / 10, ms_per_1000_chars: perThousandChars(pass['hongKong']!) },
    ratio_vs_baseline: {
      zh_Hant: Math.round((pass['taiwan']! / pass['baseline']!) * 100) / 100,
      zh_HK: Math.round((pass['hongKong']! / pass['baseline']!) * 100) / 100,
    },
  })}\n`,
);
