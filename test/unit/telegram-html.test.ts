import { describe, expect, it } from 'vitest';
import { escapeHtml, messageParts, toTelegramHtml, visibleLength } from '../../src/adapters/telegram/html.js';
import { parseTelegramHtml } from '../support/fake-telegram/html.js';

describe('Telegram HTML rendering', () => {
  it('highlights a tagged code block as its language, and drops a tag that is not a language name', () => {
    const html = toTelegramHtml('```python\nx = a < b\n```');
    expect(html).toBe('<pre><code class="language-python">x = a &lt; b</code></pre>');
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok && parsed.entities.map((entity) => entity.language).filter(Boolean)).toEqual(['python']);
    expect(toTelegramHtml('```"><b>x\ny\n```')).toBe('<pre>y</pre>');
  });

  it('renders the markdown subset as tags and escapes everything else', () => {
    expect(toTelegramHtml('**a<b** *i&j* `x>y` 1 < 2 & 3 > 2 "q"')).toBe('<b>a&lt;b</b> <i>i&amp;j</i> <code>x&gt;y</code> 1 &lt; 2 &amp; 3 &gt; 2 "q"');
    expect(toTelegramHtml('```\nif (a < b && c) {}\n```')).toBe('<pre>if (a &lt; b &amp;&amp; c) {}</pre>');
  });

  it('shows hostile text literally (Telegram parses it back to exactly what was typed)', () => {
    const hostile = '<b>x</b> </pre> &amp; &#60; <a href="javascript:alert(1)">y</a> <tg-spoiler>';
    const parsed = parseTelegramHtml(escapeHtml(hostile));
    expect(parsed).toEqual({ ok: true, text: hostile, entities: [] });
  });

  it('replaces lone surrogates, which Telegram refuses as invalid UTF-8', () => {
    expect(escapeHtml('a\uD83D b')).toBe('a\uFFFD b');
    expect(escapeHtml('😀')).toBe('😀');
  });

  it('counts what the reader sees, not the markup', () => {
    expect(visibleLength('**<&>**')).toBe(3);
    expect(visibleLength('`a` *b*')).toBe(3);
  });

  it('splits so every part parses and fits 4,096 visible characters even when its HTML is four times longer', () => {
    const text = Array.from({ length: 12 }, (_, i) => `**${i}** ${'<&>'.repeat(500)}`).join('\n\n');
    const parts = messageParts(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const parsed = parseTelegramHtml(part);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.text.length).toBeLessThanOrEqual(4096);
    }
    expect(parts.some((part) => part.length > 4096)).toBe(true);
  });

  it('drops blank parts (Telegram refuses an empty message)', () => {
    expect(messageParts('   \n\n  ')).toEqual([]);
  });
});
