/**
 * Which Chinese script a student typed, and the Simplified form that lessons are indexed in: a question typed in
 * Traditional characters (預訓練, 多頭注意力) finds the same lesson as its Simplified spelling, and gets a Traditional
 * reply (zh-Hant, or zh-HK for a reader whose platform says Hong Kong).
 */
import * as OpenCC from 'opencc-js/t2cn';
import { isTraditional, type Locale } from './locale.js';

const HAN = /\p{Script=Han}/u;

// Taiwan usage with phrases (記憶體 → 内存), after Hong Kong's character forms (衞, 綫, 着) are read as the standard
// ones; built on first use (it loads dictionaries).
let fromTraditional: ((text: string) => string) | undefined;

function traditionalToSimplified(): (text: string) => string {
  // Typed here: opencc-js's own declarations of ConverterFactory and Locale do not resolve under NodeNext.
  const hongKongForms: (text: string) => string = OpenCC.ConverterFactory(OpenCC.Locale.from.hk);
  const characters = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const taiwanPhrases = OpenCC.Converter({ from: 'twp', to: 'cn' });
  return (text) => {
    const forms = hongKongForms(text);
    // Simplified text stays as typed: Taiwan's phrase list would turn mainland words into others (向量 → 矢量).
    if (characters(forms) === text) return text;
    // Traditional text gets mainland phrases too (記憶體 → 内存), except 向量, which machine learning says in both.
    return taiwanPhrases(forms).replaceAll('矢量', text.includes('矢量') ? '矢量' : '向量');
  };
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Traditional characters and Taiwan phrases in Simplified; text without Han characters is returned as it is. */
export function toSimplified(text: string): string {
  if (!hasHan(text)) return text;
  const convert = (fromTraditional ??= traditionalToSimplified());
  return convert(text);
}

/** Whether the text has a character written differently in Simplified (a character both scripts share says nothing). */
export function looksTraditional(text: string): boolean {
  return hasHan(text) && toSimplified(text) !== text;
}

/**
 * The reply's language for what someone typed, when they chose none with /lang: Han characters mean Chinese — in
 * Traditional characters when they typed any (Hong Kong usage stays) — while Latin text never moves a Chinese reader
 * to English.
 */
export function localeForTyped(resolved: Locale, typed: string): Locale {
  if (!hasHan(typed)) return resolved;
  if (looksTraditional(typed)) return isTraditional(resolved) ? resolved : 'zh-Hant';
  return resolved === 'en' ? 'zh' : resolved;
}
