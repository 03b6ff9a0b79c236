/**
 * The Telegram HTML renderer on any reply text: what it sends always parses in the Bot API's HTML mode (the fake's
 * parser, modelled on Telegram's: balanced tags, escaped `<` `&`), is well-formed UTF-8, shows the reply's text, and
 * every part fits the limit counted after parsing, as Telegram counts it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageParts, TELEGRAM_MAX_MESSAGE_CHARS, TELEGRAM_MAX_TOAST_CHARS, toastText, toTelegramHtml } from '../../src/adapters/telegram/html.js';
import { toPlainText } from '../../src/core/markdown.js';
import { wellFormed as toWellFormed } from '../../src/core/well-formed.js';
import { parseTelegramHtml, visibleLength } from '../support/fake-telegram/html.js';
import { longMarkdown, markdown, RUNS, wellFormed } from './arbitraries.js';

function parsed(html: string): string {
  expect(wellFormed(html), 'lone surrogate').toBe(true);
  const result = parseTelegramHtml(html);
  if (!result.ok) throw new Error(`${result.error} in ${JSON.stringify(html)}`);
  return result.text;
}

describe('Telegram HTML (property)', () => {
  it('toTelegramHtml: parses, is well-formed, and shows the text of the markdown', () => {
    fc.assert(
      fc.property(markdown(), (source) => {
        expect(parsed(toTelegramHtml(source))).toBe(toWellFormed(toPlainText(source)));
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('messageParts: every part parses, is not blank and fits the limit after parsing (small limits too)', () => {
    fc.assert(
      fc.property(markdown(), fc.integer({ min: 24, max: 400 }), (source, limit) => {
        for (const part of messageParts(source, limit)) {
          const shown = parsed(part);
          expect(shown.trim()).not.toBe('');
          expect(visibleLength(shown)).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('messageParts at Telegram’s 4,096: long replies split into parts that each fit', () => {
    fc.assert(
      fc.property(longMarkdown(), (source) => {
        for (const part of messageParts(source)) expect(visibleLength(parsed(part))).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE_CHARS);
      }),
      { numRuns: RUNS.costly },
    );
  });

  it('toastText: plain, well-formed, at most 200 characters', () => {
    fc.assert(
      fc.property(fc.oneof(markdown(), longMarkdown()), (source) => {
        const toast = toastText(source);
        expect(wellFormed(toast)).toBe(true);
        expect(toast.length).toBeLessThanOrEqual(TELEGRAM_MAX_TOAST_CHARS);
      }),
      { numRuns: RUNS.normal },
    );
  });
});
