import { describe, expect, it } from 'vitest';
import { explain } from '../../commands/explain/index.js';
import { generate } from '../../commands/generate/index.js';
import { UserError } from '../../src/core/errors.js';
import { argsSchema, coerceOption, sanitizeText, type OptionSpec } from '../../src/core/options.js';

const option = (name: string): OptionSpec => generate.options.find((candidate) => candidate.name === name)!;
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof UserError ? error.code : 'not a UserError';
  }
};

describe('option values', () => {
  it('reads numbers from text and checks bounds', () => {
    expect(coerceOption(option('temperature'), '0.7')).toBe(0.7);
    expect(coerceOption(option('max_new_tokens'), '50')).toBe(50);
    expect(coerceOption(option('max_new_tokens'), 50)).toBe(50);
    expect(codeOf(() => coerceOption(option('max_new_tokens'), '-1'))).toBe('option_out_of_range');
    expect(codeOf(() => coerceOption(option('max_new_tokens'), '99999999999999999999'))).toBe('option_out_of_range');
    expect(codeOf(() => coerceOption(option('max_new_tokens'), '2.5'))).toBe('option_not_an_integer');
    expect(codeOf(() => coerceOption(option('temperature'), 'NaN'))).toBe('option_not_a_number');
    expect(codeOf(() => coerceOption(option('temperature'), 'Infinity'))).toBe('option_not_a_number');
    expect(codeOf(() => coerceOption(option('temperature'), '1e3'))).toBe('option_not_a_number');
    expect(codeOf(() => coerceOption(option('temperature'), Number.NaN))).toBe('option_not_a_number');
  });

  it('reads full-width digits and signs (a Chinese keyboard) as the numbers they look like (NFKC)', () => {
    expect(coerceOption(option('max_new_tokens'), '５')).toBe(5);
    expect(coerceOption(option('max_new_tokens'), '１２')).toBe(12);
    expect(coerceOption(option('temperature'), '０．５')).toBe(0.5);
    expect(codeOf(() => coerceOption(option('max_new_tokens'), '－１'))).toBe('option_out_of_range');
    // Other scripts' digits are not NFKC digits: still refused, with the clear message.
    expect(codeOf(() => coerceOption(option('max_new_tokens'), '五'))).toBe('option_not_an_integer');
  });

  it('checks text length in characters, not UTF-16 units', () => {
    const topic = explain.options[0];
    expect(coerceOption(topic, '😀'.repeat(300))).toHaveLength(600);
    expect(codeOf(() => coerceOption(topic, 'x'.repeat(301)))).toBe('option_too_long');
  });

  it('matches choices case-insensitively and names the valid ones', () => {
    const level = explain.options[1];
    expect(coerceOption(level, 'EXPERT')).toBe('expert');
    expect(codeOf(() => coerceOption(level, 'genius'))).toBe('option_invalid_choice');
  });

  it('takes a choice’s other words (level words in both languages and scripts), and nothing inherited', () => {
    const level = explain.options[1];
    expect(coerceOption(level, '入门')).toBe('beginner');
    expect(coerceOption(level, '專家')).toBe('expert');
    expect(coerceOption(level, 'Advanced')).toBe('expert');
    for (const inherited of ['constructor', '__proto__', 'toString']) expect(codeOf(() => coerceOption(level, inherited))).toBe('option_invalid_choice');
  });

  it('strips control and bidi characters, and treats blank text as absent', () => {
    expect(sanitizeText('\u0000a\u001b[31mb\u202Ec\t\n')).toBe('a[31mbc');
    expect(coerceOption(explain.options[0], '  \u0007 ')).toBeUndefined();
  });

  it('builds a schema the worker can re-check jobs with', () => {
    const schema = argsSchema(generate.options);
    expect(schema.safeParse({ prompt: 'hi', temperature: 0 }).success).toBe(true);
    expect(schema.safeParse({ temperature: 0 }).success).toBe(false);
    expect(schema.safeParse({ prompt: 'hi', temperature: 5 }).success).toBe(false);
    expect(schema.safeParse({ prompt: 'hi', unknown: 1 }).success).toBe(false);
  });
});
