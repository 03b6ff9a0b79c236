/**
 * The readable-decoding rules of src/model/readable.ts on their own (numbers a test can follow by hand), and through
 * the real decode loop with a scripted model: the first step is what the model believes, later steps avoid repeats,
 * and a paragraph ends the text.
 */
import { describe, expect, it } from 'vitest';
import { bannedByNgram, BLANK_RUN_NEWLINES, paragraphEnd, penalize } from '../../src/model/readable.js';
import { checkRequest } from '../../src/model/request.js';

describe('repetition penalty', () => {
  it("divides a generated id's positive logit and multiplies a negative one; ids not generated keep theirs", () => {
    const out = penalize(Float32Array.of(2.4, -1, 0.5, 3), [9, 0, 1], 1, 1.2, 0);
    expect([...out].map((v) => +v.toFixed(4))).toEqual([2, -1.2, 0.5, 3]);
  });

  it('leaves the first step (nothing generated yet) and the defaults (1, no n-gram) untouched, without a copy', () => {
    const logits = Float32Array.of(1, 2, 3);
    expect(penalize(logits, [0, 1, 2], 3, 1.5, 3)).toBe(logits);
    expect(penalize(logits, [0, 1, 2], 2, 1, 0)).toBe(logits);
  });
});

describe('no-repeat n-gram', () => {
  it('bans each id that followed an earlier run of the last n−1 ids', () => {
    // … 5 6 7 … 5 6 → 7 would repeat the 3-gram 5 6 7; 5 6 8 earlier too.
    expect([...bannedByNgram([5, 6, 7, 1, 5, 6, 8, 2, 5, 6], 3)].sort()).toEqual([7, 8]);
    expect(bannedByNgram([5, 6, 7, 1, 5, 6], 4).size).toBe(0);
    expect(bannedByNgram([1, 2], 3).size).toBe(0);
  });

  it('rules the banned ids out of the logits', () => {
    const out = penalize(Float32Array.of(1, 1, 1, 1), [1, 2, 3, 1, 2], 2, 1, 3);
    expect(out[3]).toBe(-Infinity);
    expect(out[0]).toBe(1);
  });
});

describe('paragraph end', () => {
  it('stops at the first blank line after some text, dropping the trailing space', () => {
    expect(paragraphEnd(' the value vectors.\n\nD. Uncoder')).toBe(' the value vectors.');
    expect(paragraphEnd('one line\n  \nnext')).toBe('one line');
    expect(paragraphEnd('one line\nnext line')).toBeUndefined();
  });

  it('stops at a run of blank lines before any text, and lets a single leading newline through', () => {
    expect(paragraphEnd('\n'.repeat(BLANK_RUN_NEWLINES))).toBe('');
    expect(paragraphEnd('\n')).toBeUndefined();
    expect(paragraphEnd('\nText')).toBeUndefined();
  });
});

describe('the request at the model edge', () => {
  it('defaults to the plain model (penalty 1, no n-gram rule, no paragraph stop) and refuses nonsense', () => {
    const plain = checkRequest({ prompt: 'x', maxNewTokens: 5, temperature: 0 });
    expect([plain.repetitionPenalty, plain.noRepeatNgram, plain.stopAtParagraph]).toEqual([1, 0, false]);
    expect(() => checkRequest({ prompt: 'x', maxNewTokens: 5, temperature: 0, repetitionPenalty: 0.5 })).toThrow(/repetitionPenalty/);
    expect(() => checkRequest({ prompt: 'x', maxNewTokens: 5, temperature: 0, noRepeatNgram: 99 })).toThrow(/noRepeatNgram/);
  });
});
