import { describe, expect, it } from 'vitest';
import { buttonRows, DISCORD_MAX_CONTENT_LENGTH, escapeDiscord, imageFile, renderDiscordMarkdown, renderParts, renderPreview } from '../../src/adapters/discord/render.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import { LONG, MARKUP } from '../support/bad-input-corpus.js';

/** What Discord shows for escaped text: a backslash before ASCII punctuation is dropped; zero-width spaces are invisible. */
function shown(rendered: string): string {
  return rendered.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u200b/g, '');
}

describe('Discord rendering', () => {
  it('keeps a code block language tag so Discord highlights it; an odd tag is dropped', () => {
    expect(renderDiscordMarkdown('```python\nprint(1)\n```')).toBe('```python\nprint(1)\n```');
    expect(renderDiscordMarkdown('```py thon\nprint(1)\n```')).toBe('```\nprint(1)\n```');
  });

  it('renders the markdown subset as Discord markdown', () => {
    expect(renderDiscordMarkdown('a **b** *c* `d`')).toBe('a **b** *c* `d`');
    expect(renderDiscordMarkdown('x\n```\ncode *here*\n```\ny')).toBe('x\n```\ncode *here*\n```\ny');
  });

  it('escapes everything else Discord would read as markup, and still shows the text as typed', () => {
    const hostile = `${MARKUP} ~~strike~~ ||spoiler|| __under__ <@123> <#456> @everyone @here`;
    const rendered = renderDiscordMarkdown(escapeMarkdown(hostile));
    expect(rendered).not.toMatch(/(^|[^\\])\[z\]\(/); // no masked link
    expect(rendered).not.toMatch(/(^|[^\\])<@/); // no mention syntax
    expect(rendered).not.toMatch(/(^|[^\\])\|\|/);
    expect(rendered).not.toContain('@everyone');
    expect(shown(rendered)).toBe(hostile);
  });

  it('escapes headings and subtext at the start of a line but keeps list markers', () => {
    expect(renderDiscordMarkdown('# big\n-# small\n- item')).toBe('\\# big\n\\-# small\n- item');
  });

  it('keeps backticks inside code from closing it', () => {
    expect(renderDiscordMarkdown('```\na ``` b\n```')).toBe('```\na `\u200b`` b\n```');
    expect(escapeDiscord('`')).toBe('\\`');
  });

  it('splits long replies into parts of at most 2,000 characters, code blocks closed and reopened', () => {
    const code = Array.from({ length: 300 }, (_, i) => `line ${i} <@everyone> *x*`).join('\n');
    const text = `intro paragraph\n\n\`\`\`\n${code}\n\`\`\`\n\n${escapeMarkdown(LONG)}`;
    const parts = renderParts(text);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
      expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(parts.join('').replace(/\s|`|\\/g, '')).toContain('line299');
  });

  it('never sends an empty message', () => {
    expect(renderParts('')).toEqual(['…']);
    expect(renderPreview('')).toBe('…');
  });

  it('previews a long streamed text in one message, marked as unfinished', () => {
    const preview = renderPreview(`${'word '.repeat(1_000)}\n\nmore`);
    expect(preview.length).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
    expect(preview.endsWith('\n…')).toBe(true);
  });

  it('lays buttons out in rows of five, at most five rows, labels cut to 80', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ id: `b${i}`, label: i === 0 ? 'L'.repeat(200) : `label ${i}` }));
    const rows = buttonRows(buttons);
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.components.length === 5)).toBe(true);
    expect(rows[0]!.components[0]!.label.length).toBeLessThanOrEqual(80);
    expect(rows[0]!.components[0]!.custom_id).toBe('b0');
  });

  it('turns the heatmap into a PNG attachment with alt text of at most 1,024 characters', () => {
    const file = imageFile({ command: 'attention', locale: 'en', text: 'x', buttons: [], image: { mime: 'image/png', base64: Buffer.from('png').toString('base64'), alt: 'a'.repeat(2_000) } });
    expect(file).toMatchObject({ name: 'attention.png', contentType: 'image/png' });
    expect(file!.data.toString()).toBe('png');
    expect(file!.description.length).toBeLessThanOrEqual(1_024);
  });
});
