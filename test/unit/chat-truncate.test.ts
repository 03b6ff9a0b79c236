/** The shared cut for platform limits (src/adapters/chat/truncate.ts): within the count, between characters, marked. */
import { describe, expect, it } from 'vitest';
import { truncateChars, truncateUtf16 } from '../../src/adapters/chat/truncate.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('truncateChars (code points)', () => {
  it('keeps text that fits, and marks a cut within the limit', () => {
    expect(truncateChars('attention', 9)).toBe('attention');
    expect(truncateChars('attention', 5)).toBe('atte…');
    expect([...truncateChars('注意力机制是什么', 4)]).toHaveLength(4);
  });

  it('counts an emoji as one character and never splits it', () => {
    expect(truncateChars('🙂🙂🙂', 3)).toBe('🙂🙂🙂');
    expect(truncateChars('🙂🙂🙂🙂', 3)).toBe('🙂🙂…');
  });

  it('cuts without a mark when given none', () => {
    expect(truncateChars('abcdef', 4, '')).toBe('abcd');
  });
});

describe('truncateUtf16 (UTF-16 units)', () => {
  it('stays within the units, the mark included, and never leaves half an emoji', () => {
    const cut = truncateUtf16('a🙂🙂🙂', 4);
    expect(cut).toBe('a🙂…');
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(LONE_SURROGATE.test(truncateUtf16('🙂'.repeat(50), 10))).toBe(false);
  });

  it('keeps text that fits', () => {
    expect(truncateUtf16('🙂🙂', 4)).toBe('🙂🙂');
  });
});
