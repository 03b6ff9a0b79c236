/** The terminal's own text work: word wrapping, choice lines, the image folder's cap, choice numbers in --json. */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageFolder } from '../../src/adapters/terminal/images.js';
import { renderForHumans } from '../../src/adapters/terminal/render.js';
import { TerminalAdapter } from '../../src/adapters/terminal/terminal.js';
import { displayWidth, wrapText } from '../../src/adapters/terminal/wrap.js';
import { t, toScript } from '../../src/core/i18n.js';
import { offlineRuntime } from './fixtures.js';

describe('wrapText', () => {
  it('breaks at spaces, never inside a word, and keeps every line within the width', () => {
    const text = 'Welcome to GPT Tutor! I explain how GPT works, from the name to attention, at three levels: kid, beginner and expert.';
    const wrapped = wrapText(text, 40).split('\n');
    for (const line of wrapped) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(wrapped.join(' ')).toBe(text);
  });

  it('counts Chinese as two columns, breaks between characters, and keeps full-width punctuation off a line start', () => {
    const wrapped = wrapText('注意力机制让模型在读每个词元时，回头看前面所有的词元，并决定每个词元有多重要。', 30).split('\n');
    for (const line of wrapped) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    for (const line of wrapped) expect(line).not.toMatch(/^[，。]/);
    expect(wrapped.join('')).toBe('注意力机制让模型在读每个词元时，回头看前面所有的词元，并决定每个词元有多重要。');
  });

  it('indents a wrapped choice or list item under its text, and colour codes take no room', () => {
    expect(wrapText('  [3] Sampling — how the next token is picked from the probabilities', 30)).toBe(
      '  [3] Sampling — how the next\n      token is picked from the\n      probabilities',
    );
    expect(displayWidth('\x1b[1mbold\x1b[22m')).toBe(4);
  });
});

describe('choice lines', () => {
  it('right-aligns the numbers and shows a description after a dash (plain when piped)', () => {
    const buttons = Array.from({ length: 10 }, (_, index) => ({ id: `b${index}`, label: `Lesson ${index + 1}`, description: index === 9 ? 'the last one' : undefined }));
    const text = renderForHumans({ command: 'explain', locale: 'en', text: 'Pick one.', buttons }, false);
    expect(text).toContain('\n   [9] Lesson 9\n  [10] Lesson 10 — the last one\n');
  });
});

describe('ImageFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpt-tutor-images-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only the newest images it saved, and never touches other files', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const folder = new ImageFolder(dir, 3);
    const saved: string[] = [];
    for (let index = 0; index < 5; index++) {
      saved.push(folder.save(Buffer.from('png').toString('base64')));
      // Older by a second each, as files written over a session would be.
      const age = (5 - index) * 1000;
      utimesSync(saved.at(-1)!, new Date(Date.now() - age), new Date(Date.now() - age));
    }
    const left = readdirSync(dir).sort();
    expect(left).toContain('notes.txt');
    expect(left.filter((name) => name.endsWith('.png'))).toHaveLength(3);
    expect(left).toContain(saved.at(-1)!.split('/').at(-1));
  });
});

describe('choice numbers, piped with --json', () => {
  it('a number out of range answers "pick 1–N" with an error code, and the choices stay those shown', async () => {
    const runtime = await offlineRuntime();
    try {
      const input = new PassThrough();
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
      const terminal = new TerminalAdapter(runtime.tutor, { input, output, json: true, interactive: false, locale: 'zh_TW.UTF-8', imageDir: tmpdir() });
      const running = terminal.run();
      input.end('/explain attention\n99\n1\n');
      await running;
      const [lesson, outOfRange, picked] = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as { text: string; buttons: unknown[]; error?: unknown; topic?: string });
      const count = lesson!.buttons.length;
      expect(outOfRange).toMatchObject({ command: 'choice', locale: 'zh-Hant', final: true, error: { code: 'option_out_of_range', key: 'terminal.pickRange' } });
      expect(outOfRange!.text).toBe(toScript('zh-Hant', t('zh', 'terminal.pickRange', { number: 99, count })));
      expect(picked).toMatchObject({ command: 'explain', topic: 'attention' });
    } finally {
      await runtime.close();
    }
  });
});
