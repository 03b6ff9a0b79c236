/**
 * Simplified Chinese as readers of Traditional characters expect it. OpenCC converts phrase by phrase — Taiwan usage
 * for zh-Hant (数据 → 資料, 内存 → 記憶體, 程序 → 程式), Hong Kong characters and phrases for zh-HK (里 → 裏,
 * 服务器 → 伺服器) — then corner quotes replace curly ones (“” → 「」, ‘’ → 『』), which OpenCC leaves alone.
 * Where OpenCC reads a lesson wrongly (it leaves 文本里 with 里 and turns a model's 参数 into 引數),
 * locales/zh/traditional.ts says what the reader expects; those words are cut out before OpenCC sees the text.
 */
import * as OpenCC from 'opencc-js/cn2t';
import { HONG_KONG_FIXES, TAIWAN_FIXES } from '../../locales/zh/traditional.js';

export type TraditionalRegion = 'tw' | 'hk';

const OPENCC_TARGET: Record<TraditionalRegion, string> = { tw: 'twp', hk: 'hkp' };
const FIXES: Record<TraditionalRegion, Readonly<Record<string, string>>> = { tw: TAIWAN_FIXES, hk: HONG_KONG_FIXES };
const CORNER_QUOTES: Readonly<Record<string, string>> = { '“': '「', '”': '」', '‘': '『', '’': '』' };

// Built on first use, one per region: OpenCC loads its dictionaries when a converter is made.
const converters = new Map<TraditionalRegion, (text: string) => string>();

/** Simplified text in the Traditional characters and words of Taiwan (`tw`) or Hong Kong (`hk`). */
export function toTraditional(region: TraditionalRegion, text: string): string {
  let convert = converters.get(region);
  if (!convert) {
    convert = withFixes(OpenCC.Converter({ from: 'cn', to: OPENCC_TARGET[region] }), FIXES[region]);
    converters.set(region, convert);
  }
  return convert(text).replace(/[“”‘’]/g, (quote) => CORNER_QUOTES[quote] ?? quote);
}

/**
 * A converter that writes each fixed word as given and lets OpenCC convert the text between them. Longest word
 * first, as OpenCC matches its own dictionaries, so a fix is one piece OpenCC cannot cut differently.
 */
function withFixes(convert: (text: string) => string, fixes: Readonly<Record<string, string>>): (text: string) => string {
  const fixed = new Map(Object.entries(fixes));
  const longestFirst = [...fixed.keys()].sort((a, b) => b.length - a.length);
  const words = new RegExp(`(${longestFirst.map(escapeRegExp).join('|')})`, 'u');
  // split() with a capturing group puts each matched word at an odd index, the text between at even ones.
  return (text) =>
    text
      .split(words)
      .map((piece, i) => (i % 2 === 1 ? (fixed.get(piece) ?? piece) : piece && convert(piece)))
      .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
