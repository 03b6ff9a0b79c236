import i18next from 'i18next';
import { en } from '../../locales/en/ui.js';
import { zh } from '../../locales/zh/ui.js';
import type { UiKey } from './i18n-types.js';
import { isTraditional, langOf, type Locale } from './locale.js';
import { toTraditional } from './traditional.js';

export type { UiKey, UiStrings } from './i18n-types.js';
export type MessageParams = Record<string, string | number>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: 'en',
  fallbackLng: 'en',
  // Replies are markdown, not HTML: adapters escape for their platform when they render.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** A UI string in the given locale (Traditional Chinese is converted later, with the whole reply). */
export function t(locale: Locale, key: UiKey, params: MessageParams = {}): string {
  return i18n.t(key, { ...params, lng: langOf(locale) });
}

/** Simplified Chinese text for readers of Traditional characters (Taiwan or Hong Kong usage); others pass through. */
export function toScript(locale: Locale, text: string): string {
  if (!isTraditional(locale)) return text;
  return toTraditional(locale === 'zh-HK' ? 'hk' : 'tw', text);
}
