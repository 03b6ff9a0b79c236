/**
 * Languages the tutor speaks. `zh-Hant` is Chinese in Traditional characters with Taiwan usage, `zh-HK` with Hong Kong
 * usage; both are converted from `zh` when a reply is sent.
 */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const LOCALES = ['en', 'zh', 'zh-Hant', 'zh-HK'] as const;
export type Locale = (typeof LOCALES)[number];
export type TraditionalLocale = 'zh-Hant' | 'zh-HK';

/** Each locale's name in its own language, as /lang lists them. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  zh: '简体中文',
  'zh-Hant': '繁體中文（台灣）',
  'zh-HK': '繁體中文（香港）',
};

/** Whether replies in this locale are written in Traditional characters (converted from the Simplified text). */
export function isTraditional(locale: Locale): locale is TraditionalLocale {
  return locale === 'zh-Hant' || locale === 'zh-HK';
}

/** The language whose text a locale is written from (Traditional is converted from Simplified). */
export function langOf(locale: Locale): Lang {
  return locale === 'en' ? 'en' : 'zh';
}

// Regions whose readers expect Traditional characters: Hong Kong and Macau usage, or Taiwan's (also plain `Hant`).
const HONG_KONG_REGIONS = new Set(['hk', 'mo']);
const TAIWAN_REGIONS = new Set(['tw', 'hant']);

/**
 * Reads a platform or user language tag (`zh-TW`, `zh_HK.UTF-8`, `en-US`, `zh-Hant`, `english`, `中文`) as a locale.
 * Returns undefined for languages the tutor does not speak, so the caller can fall back.
 */
export function parseLocaleTag(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const cleaned = tag.trim().toLowerCase().replace(/\..*$/, '').replace(/@.*$/, '');
  if (cleaned === '' || cleaned === 'c' || cleaned === 'posix') return undefined;
  if (['english', '英文', '英语', '英語'].includes(cleaned)) return 'en';
  if (['中文', '简体', '简体中文', 'chinese', '汉语'].includes(cleaned)) return 'zh';
  if (['繁體', '繁体', '繁體中文', '繁体中文', 'traditional'].includes(cleaned)) return 'zh-Hant';
  const [language, ...rest] = cleaned.split(/[-_]/);
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  if (rest.some((part) => HONG_KONG_REGIONS.has(part))) return 'zh-HK';
  return rest.some((part) => TAIWAN_REGIONS.has(part)) ? 'zh-Hant' : 'zh';
}

export interface LocaleSources {
  /** What the user chose with /lang. */
  userChoice?: Locale | undefined;
  /** The locale their platform reports (Discord client locale, Telegram language_code, LANG in a terminal). */
  platformLocale?: string | undefined;
  /** The chat's default language, if an admin set one. */
  chatDefault?: Locale | undefined;
  /** DEFAULT_LANG from the configuration. */
  fallback: Locale;
}

/** The language of a reply to a user's own command: /lang choice > platform locale > chat default > DEFAULT_LANG. */
export function resolveLocale(sources: LocaleSources): Locale {
  return sources.userChoice ?? parseLocaleTag(sources.platformLocale) ?? sources.chatDefault ?? sources.fallback;
}
