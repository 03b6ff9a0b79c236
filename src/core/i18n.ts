import i18next, { type i18n as I18n } from 'i18next';
import type { UiKey, UiStrings } from './i18n-types.js';
import { isTraditional, langOf, type Lang, type Locale } from './locale.js';
import { toTraditional } from './traditional.js';

export type { UiKey, UiStrings } from './i18n-types.js';
export type MessageParams = Record<string, string | number>;

// Set once at start-up by installUiStrings(): the core reads no file and imports no locale, it is handed the strings.
let i18n: I18n | undefined;

/**
 * The UI strings t() reads, one tree per language. Called by the process at start-up (src/content does it, and the
 * vitest setup for tests), before any reply is written; calling it again replaces them.
 */
export function installUiStrings(strings: Record<Lang, UiStrings>): void {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: strings.en }, zh: { translation: strings.zh } },
    lng: 'en',
    fallbackLng: 'en',
    // Replies are markdown, not HTML: adapters escape for their platform when they render.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  i18n = instance;
}

/** A UI string in the given locale (Traditional Chinese is converted later, with the whole reply). */
export function t(locale: Locale, key: UiKey, params: MessageParams = {}): string {
  if (!i18n) throw new Error('UI strings are not installed: call installUiStrings() at start-up (src/content/shipped.ts does)');
  return i18n.t(key, { ...params, lng: langOf(locale) });
}

/** Simplified Chinese text for readers of Traditional characters (Taiwan or Hong Kong usage); others pass through. */
export function toScript(locale: Locale, text: string): string {
  if (!isTraditional(locale)) return text;
  return toTraditional(locale === 'zh-HK' ? 'hk' : 'tw', text);
}
