/**
 * Simplified Chinese as readers of Traditional characters expect it. OpenCC converts phrase by phrase — Taiwan usage
 * for zh-Hant (数据 → 資料, 内存 → 記憶體, 程序 → 程式), Hong Kong characters and phrases for zh-HK (里 → 裏,
 * 服务器 → 伺服器) — then corner quotes replace curly ones (“” → 「」, ‘’ → 『』), which OpenCC leaves alone.
 * Where OpenCC reads a lesson wrongly (it leaves 文本里 with 里 and turns a model's 参数 into 引數), a fix list
 * (locales/zh/traditional.ts, installed at start-up) says what the reader expects; those words are cut out before
 * OpenCC sees the text.
 */
import * as OpenCC from 'opencc-js/cn2t';

export type TraditionalRegion = 'tw' | 'hk';
/** Simplified words and the exact Traditional text a reader of that region expects for each. */
export type TraditionalFixes = Record<TraditionalRegion, Readonly<Record<string, string>>>;

const OPENCC_TARGET: Record<TraditionalRegion, string> = { tw: 'twp', hk: 'hkp' };
const CORNER_QUOTES: Readonly<Record<string, string>> = { '“': '「', '”': '」', '‘': '『', '’': '』' };

// Handed in at start-up by installTraditionalFixes(): the core reads no locale file itself.
let fixes: TraditionalFixes | undefined;
// Built on first use, one per region: OpenCC loads its dictionaries when a converter is made.
const converters = new Map<TraditionalRegion, (text: string) => string>();

/** The words OpenCC gets wrong in our texts, per region; called at start-up, next to installUiStrings(). */
export function installTraditionalFixes(installed: TraditionalFixes): void {
  fixes = installed;
  converters.clear();
}

/** Simplified text in the Traditional characters and words of Taiwan (`tw`) or Hong Kong (`hk`). */
export function toTraditional(region: TraditionalRegion, text: string): string {
  let convert = converters.get(region);
  if (!convert) {
    if (!fixes) throw new Error('the Traditional fix list is not installed: call installTraditionalFixes() at start-up (src/content/shipped.ts does)');
    convert = withFixes(OpenCC.Converter({ from: 'cn', to: OPENCC_TARGET[region] }), fixes[region]);
    converters.set(region, convert);
  }
  return convert(text).replace(/[“”‘’]/g, (quote) => CORNER_QUOTES[quote] ?? quote);
}

/**
 * A converter that writes each fixed word as given and lets OpenCC convert the text between them. Longest word
 * first, as OpenCC matches its own dictionaries, so a fix is one piece OpenCC cannot cut differently.
 */
function withFixes(convert: (text: string) => string, fixList: Readonly<Record<string, string>>): (text: string) => string {
  const fixed = new Map(Object.entries(fixList));
  // An empty alternation would match everywhere.
  if (fixed.size === 0) return convert;
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
