/** The draft id of a reply (stable, positive, 31-bit) and which refusals mean "this server has no drafts". */
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { draftIdOf, isDraftRefusal } from '../../src/adapters/telegram/drafts.js';

const refusal = (code: number, description: string) => new TelegramError({ error_code: code, description });

describe('Telegram drafts', () => {
  it('derives a stable, non-zero, positive 31-bit draft id from the correlation id', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => draftIdOf(`corr-${i}`));
    for (const id of ids) {
      expect(Number.isInteger(id)).toBe(true);
      expect(id).toBeGreaterThan(0);
      expect(id).toBeLessThan(2 ** 31);
    }
    expect(draftIdOf('corr-7')).toBe(ids[7]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes 404 and a 400 naming the method as refusals, other 400s and 429s not', () => {
    expect(isDraftRefusal(refusal(404, 'Not Found: method not found'))).toBe(true);
    expect(isDraftRefusal(refusal(400, 'Bad Request: method is not supported'))).toBe(true);
    expect(isDraftRefusal(refusal(400, "Bad Request: can't parse entities"))).toBe(false);
    expect(isDraftRefusal(refusal(429, 'Too Many Requests: retry after 1'))).toBe(false);
    expect(isDraftRefusal(new Error('socket hang up'))).toBe(false);
  });
});
