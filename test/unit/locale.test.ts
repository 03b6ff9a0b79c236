import { describe, expect, it } from 'vitest';
import { isTraditional, langOf, LOCALES, parseLocaleTag, resolveLocale } from '../../src/core/locale.js';

describe('locales', () => {
  it('reads platform and terminal tags', () => {
    expect(parseLocaleTag('zh_CN.UTF-8')).toBe('zh');
    expect(parseLocaleTag('zh-CN')).toBe('zh');
    expect(parseLocaleTag('zh')).toBe('zh');
    expect(parseLocaleTag('zh-TW')).toBe('zh-Hant');
    expect(parseLocaleTag('zh_HK.UTF-8')).toBe('zh-HK');
    expect(parseLocaleTag('zh-hk')).toBe('zh-HK');
    expect(parseLocaleTag('zh-MO')).toBe('zh-HK');
    expect(parseLocaleTag('zh-Hant-HK')).toBe('zh-HK');
    expect(parseLocaleTag('zh-Hant')).toBe('zh-Hant');
    expect(parseLocaleTag('zh-Hant-TW')).toBe('zh-Hant');
    expect(parseLocaleTag('en-US')).toBe('en');
    expect(parseLocaleTag('en_GB.UTF-8@euro')).toBe('en');
    expect(parseLocaleTag('C.UTF-8')).toBeUndefined();
    expect(parseLocaleTag('POSIX')).toBeUndefined();
    expect(parseLocaleTag('fr-FR')).toBeUndefined();
    expect(parseLocaleTag('')).toBeUndefined();
  });

  it('prefers the /lang choice, then the platform, then the chat, then DEFAULT_LANG', () => {
    expect(resolveLocale({ userChoice: 'zh', platformLocale: 'en-US', chatDefault: 'en', fallback: 'en' })).toBe('zh');
    expect(resolveLocale({ platformLocale: 'zh-TW', chatDefault: 'en', fallback: 'en' })).toBe('zh-Hant');
    expect(resolveLocale({ platformLocale: 'de-DE', chatDefault: 'zh', fallback: 'en' })).toBe('zh');
    expect(resolveLocale({ platformLocale: undefined, fallback: 'zh' })).toBe('zh');
  });

  it('writes zh-Hant and zh-HK from the Chinese texts, in Traditional characters', () => {
    expect(LOCALES.filter(isTraditional)).toEqual(['zh-Hant', 'zh-HK']);
    expect(langOf('zh-HK')).toBe('zh');
    expect(resolveLocale({ platformLocale: 'zh-HK', fallback: 'en' })).toBe('zh-HK');
  });
});
