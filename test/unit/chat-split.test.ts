import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../src/adapters/chat/split.js';
import { parseMarkdown, toPlainText } from '../../src/core/markdown.js';

const within = (limit: number) => (part: string) => part.length <= limit;
const fences = (part: string) => part.split('\n').filter((line) => line.trimStart().startsWith('```')).length;

describe('splitMarkdown', () => {
  it('keeps a reply that fits in one part, unchanged', () => {
    const text = '**Attention**\n\nEach token looks at the others.\n\n```\nq·k\n```';
    expect(splitMarkdown(text, within(1000))).toEqual([text]);
  });

  it('has nothing to send for blank text', () => {
    expect(splitMarkdown('  \n\n ', within(10))).toEqual([]);
  });

  it('cuts at paragraph boundaries first, and loses no text', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(20).trim()}`);
    const text = paragraphs.join('\n\n');
    const parts = splitMarkdown(text, within(300));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(300);
      // Each part is whole paragraphs.
      for (const chunk of part.split('\n\n')) expect(paragraphs).toContain(chunk);
    }
    expect(parts.join('\n\n')).toBe(text);
  });

  it('cuts a long paragraph at lines, then a long line at characters, never inside a surrogate pair', () => {
    const line = '注意力🙂'.repeat(200);
    const text = `short line\n${line}`;
    const parts = splitMarkdown(text, within(101));
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(101);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(parts[0]).toBe('short line');
    expect(parts.join('').replace('short line', 'short line\n')).toBe(text);
  });

  it('closes and reopens a code block cut across parts, keeping its language tag', () => {
    const code = Array.from({ length: 40 }, (_, i) => `scores[${i}] = q @ k.T / sqrt(d)`).join('\n');
    const text = `Intro.\n\n\`\`\`python\n${code}\n\`\`\`\n\nOutro.`;
    const parts = splitMarkdown(text, within(400));
    expect(parts.length).toBeGreaterThan(2);
    const codeLines: string[] = [];
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(400);
      expect(fences(part) % 2, part).toBe(0);
      for (const block of parseMarkdown(part)) if (block.type === 'code') codeLines.push(...block.text.split('\n'));
    }
    expect(codeLines.join('\n')).toBe(code);
    expect(parts.filter((part) => part.includes('```python')).length).toBe(parts.filter((part) => fences(part) > 0).length);
    expect(parts[0]!.startsWith('Intro.')).toBe(true);
    expect(parts.at(-1)!.endsWith('Outro.')).toBe(true);
  });

  it('measures with the platform\'s own check (rendered text, not source)', () => {
    const text = Array.from({ length: 30 }, () => '**bold** and `code`').join('\n\n');
    const plainWithin = (limit: number) => (part: string) => toPlainText(part).length <= limit;
    const parts = splitMarkdown(text, plainWithin(60));
    for (const part of parts) expect(toPlainText(part).length).toBeLessThanOrEqual(60);
    // The markup is not counted, so more than 60 source characters fit in a part.
    expect(Math.max(...parts.map((part) => part.length))).toBeGreaterThan(60);
  });
});
