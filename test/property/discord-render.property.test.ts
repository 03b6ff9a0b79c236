/**
 * The Discord renderer on any reply text: every message is 1–2,000 characters, well-formed, leaves no code fence
 * open, and never carries a live @everyone / @here; escaped text shows literally.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_MAX_CONTENT_LENGTH, escapeDiscord, renderParts, renderPreview } from '../../src/adapters/discord/render.js';
import { longMarkdown, markdown, RUNS, text, wellFormed } from './arbitraries.js';

/** Lines Discord reads as a fence (```, with or without a language): an even number leaves none open. */
const fenceLines = (message: string) => message.split('\n').filter((line) => line.startsWith('```')).length;

function expectMessage(message: string): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
  expect(wellFormed(message), 'lone surrogate').toBe(true);
  expect(fenceLines(message) % 2, message).toBe(0);
}

/** Undoes escapeDiscord: what a reader sees of escaped text. */
const shown = (escaped: string) => escaped.replace(/\\(.)/gs, '$1').replace(/@\u200b(everyone|here)/g, '@$1');

describe('Discord rendering (property)', () => {
  it('renderParts and renderPreview: 1–2,000 characters, well-formed, no fence left open', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: markdown() }, { weight: 1, arbitrary: longMarkdown() }), (source) => {
        for (const message of renderParts(source)) expectMessage(message);
        expectMessage(renderPreview(source));
      }),
      { numRuns: RUNS.costly },
    );
  });

  it('no live mass mention outside code (text without backticks)', () => {
    fc.assert(
      fc.property(markdown(), (source) => {
        const plain = source.replace(/`/g, '');
        for (const message of renderParts(plain)) expect(message).not.toMatch(/@(everyone|here)/);
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('escapeDiscord: a reader sees the text as it was (round trip)', () => {
    fc.assert(
      fc.property(text(40), (value) => {
        expect(shown(escapeDiscord(value))).toBe(value);
      }),
      { numRuns: RUNS.cheap },
    );
  });
});
