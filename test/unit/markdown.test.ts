import { describe, expect, it } from 'vitest';
import { escapeMarkdown, parseInline, parseMarkdown, toPlainText } from '../../src/core/markdown.js';

describe('markdown subset', () => {
  it('parses bold, italic and code', () => {
    expect(parseInline('a **b** *c* `d*e`')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'bold', text: 'b' },
      { type: 'text', text: ' ' },
      { type: 'italic', text: 'c' },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd*e' },
    ]);
  });

  it('leaves unmatched markers and multiplication as text', () => {
    expect(toPlainText('2 * 3 = 6 and **open')).toBe('2 * 3 = 6 and **open');
  });

  it('keeps fenced blocks verbatim', () => {
    expect(parseMarkdown('x\n```\n**not bold**\n```\ny')).toEqual([
      { type: 'line', inlines: [{ type: 'text', text: 'x' }] },
      { type: 'code', text: '**not bold**' },
      { type: 'line', inlines: [{ type: 'text', text: 'y' }] },
    ]);
  });

  it('escaped user text renders literally', () => {
    const hostile = '**bold** `code` \\ *x*';
    expect(toPlainText(escapeMarkdown(hostile))).toBe(hostile);
    expect(parseInline(escapeMarkdown(hostile)).every((inline) => inline.type === 'text')).toBe(true);
  });
});
