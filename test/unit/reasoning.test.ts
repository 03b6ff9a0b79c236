/** A reasoning model's thought (<think>…</think>) never reaches a student: cut from the text, withheld while streaming. */
import { describe, expect, it } from 'vitest';
import { promptOpensThought, visibleAnswer } from '../../src/model/reasoning.js';

/** Every prefix of `text`, as a stream reports it token by token (here: character by character). */
const streamed = (text: string, options: { inThought?: boolean } = {}) => Array.from({ length: text.length }, (_, i) => visibleAnswer(text.slice(0, i + 1), options));

describe('visibleAnswer', () => {
  const reply = '<think>\nThe student asks about RNNs; recall the lesson.\n</think>\n\nTransformers look at every token at once.';

  it('shows only the answer, at every step of the stream and at the end', () => {
    const steps = streamed(reply);
    for (const step of steps) {
      expect(step).not.toContain('recall');
      expect(step).not.toContain('<');
    }
    expect(steps.at(-1)).toBe('Transformers look at every token at once.');
    expect(visibleAnswer(reply, { final: true })).toBe('Transformers look at every token at once.');
    // What is shown only grows: nothing shown is taken back.
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.startsWith(steps[i - 1]!)).toBe(true);
  });

  it('withholds an unclosed thought, even when the text ends there (the answer budget ran out while thinking)', () => {
    expect(visibleAnswer('<think>\nstill thinking about', { final: true })).toBe('');
    expect(visibleAnswer('Heads. <think>more', { final: true })).toBe('Heads. ');
  });

  it('starts inside a thought when the prompt opened one, and keeps text without tags as it is', () => {
    const prompt = '<|im_start|>assistant\n<think>\n';
    expect(promptOpensThought(prompt)).toBe(true);
    expect(promptOpensThought('<|im_start|>assistant\n<think>\n\n</think>\n\n')).toBe(false);
    expect(streamed('plan first</think>\n\nAn answer.', { inThought: true }).filter((s) => s.includes('plan'))).toEqual([]);
    expect(visibleAnswer('plan first</think>\n\nAn answer.', { inThought: true, final: true })).toBe('An answer.');
    expect(visibleAnswer('Attention: a < b, and <b> is bold.', { final: true })).toBe('Attention: a < b, and <b> is bold.');
  });

  it('holds back a "<th" at the end while streaming (it may become a tag), and shows it when the text is final', () => {
    expect(visibleAnswer('Softmax turns scores into weights <th')).toBe('Softmax turns scores into weights ');
    expect(visibleAnswer('Softmax turns scores into weights <th', { final: true })).toBe('Softmax turns scores into weights <th');
    expect(visibleAnswer('x <the')).toBe('x <the');
  });
});
