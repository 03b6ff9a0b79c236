/**
 * The shared message splitter on any markdown and limit: every part fits, none is blank, no fence is left open in a
 * part when the source closed all of its own, no surrogate pair is cut, and no text is lost or added (but the
 * fences that close and reopen a cut code block).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../src/adapters/chat/split.js';
import { markdown, RUNS, wellFormed } from './arbitraries.js';

const isFence = (line: string) => line.trimStart().startsWith('```');
const fenceCount = (text: string) => text.split('\n').filter(isFence).length;
/** The text without whitespace and fence lines: what splitting must keep whole. */
const content = (text: string) =>
  text
    .split('\n')
    .filter((line) => !isFence(line))
    .join('')
    .replace(/\s/g, '');

// The longest fence line the arbitraries make ("  ```python") with one line and "```": a cut code block always fits.
const MIN_LIMIT = 24;

describe('splitMarkdown (property)', () => {
  it('every part fits and is not blank; well-formed text stays well-formed; nothing is lost', () => {
    fc.assert(
      fc.property(markdown(), fc.integer({ min: MIN_LIMIT, max: 300 }), (source, limit) => {
        const parts = splitMarkdown(source, (part) => part.length <= limit);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(limit);
          expect(part.trim()).not.toBe('');
          if (wellFormed(source)) expect(wellFormed(part)).toBe(true);
        }
        // Fence lines all paired (a stray one is text, and may be cut like text): the rest is all there, in order.
        if (fenceCount(source) % 2 === 0) expect(parts.map(content).join('')).toBe(content(source));
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('a source whose fences all pair up gives parts whose fences all pair up', () => {
    const closed = markdown().filter((source) => fenceCount(source) % 2 === 0);
    fc.assert(
      fc.property(closed, fc.integer({ min: MIN_LIMIT, max: 200 }), (source, limit) => {
        for (const part of splitMarkdown(source, (candidate) => candidate.length <= limit)) expect(fenceCount(part) % 2, part).toBe(0);
      }),
      { numRuns: RUNS.normal },
    );
  });
});
