import { describe, expect, it } from 'vitest';
import { en } from '../../locales/en/ui.js';
import { zh } from '../../locales/zh/ui.js';
import { t, toScript } from '../../src/core/i18n.js';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('UI strings', () => {
  const english = leaves(en);
  const chinese = leaves(zh);

  it('zh has exactly the keys of en', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('zh uses the same placeholders as en, key by key', () => {
    for (const [key, text] of english) expect(placeholders(chinese.get(key)!), key).toEqual(placeholders(text));
  });

  it('no zh string is left in English', () => {
    for (const [key, text] of chinese) {
      const withoutMarkup = text.replace(/\{\{\w+\}\}|`[^`]*`|\/\w+/g, '');
      if (/[a-z]{3,}/i.test(withoutMarkup)) expect(/\p{Script=Han}/u.test(withoutMarkup), key).toBe(true);
    }
  });

  it('interpolates without HTML-escaping and without evaluating user text', () => {
    expect(t('en', 'errors.unknown_command', { command: '<b>&' })).toContain('/<b>&');
    expect(t('en', 'errors.unknown_command', { command: '$t(errors.internal)' })).toContain('$t(errors.internal)');
    expect(t('en', 'errors.unknown_command', { command: '{{command}}' })).toContain('{{command}}');
  });

  it('renders Traditional characters for zh-Hant with a converter, not a second copy', () => {
    expect(toScript('zh-Hant', '注意力机制的权重')).toBe('注意力機制的權重');
    expect(toScript('zh', '注意力机制')).toBe('注意力机制');
    expect(toScript('en', 'attention')).toBe('attention');
  });
});
