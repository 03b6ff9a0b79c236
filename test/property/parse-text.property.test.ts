/** Typed command lines and option values: any text is read without throwing, and what it yields is clean. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../commands/index.js';
import { optionsFor } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { coerceOption, sanitizeText, type OptionSpec } from '../../src/core/options.js';
import { parseCommandLine } from '../../src/core/parse-text.js';
import { RUNS, text, textUnit, wellFormed } from './arbitraries.js';

const parse = (line: string) => parseCommandLine(line, findCommand);
const commandNames = COMMANDS.map((command) => command.name);
/** Every option of every command and sub-command, attachments aside (they are bytes, not typed text). */
const ALL_OPTIONS: OptionSpec[] = COMMANDS.flatMap((command) =>
  [undefined, ...(command.subcommands ?? []).map((sub) => sub.name)].flatMap((sub) => optionsFor(command, sub)),
).filter((option) => option.type !== 'attachment');
// Characters sanitizeText removes: C0/C1 controls but tab and newline, zero-width and bidi controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/;

/** A word that no command reads as `name:value` or as a quoted phrase. */
const plainWord = fc.array(textUnit, { minLength: 1, maxLength: 4 }).map((units) => units.join('').replace(/[\s:"]/g, '') || 'x');

describe('parseCommandLine (property)', () => {
  it('never throws; a line that does not start with "/" is not a command', () => {
    const line = fc.oneof(text(40), fc.tuple(fc.constantFrom(...commandNames), text(40)).map(([name, rest]) => `/${name} ${rest}`));
    fc.assert(
      fc.property(line, (typed) => {
        const parsed = parse(typed);
        if (!typed.trim().startsWith('/')) expect(parsed).toBeUndefined();
        for (const value of Object.values(parsed?.args ?? {})) expect(typeof value).toBe('string');
      }),
      { numRuns: RUNS.cheap },
    );
  });

  it('a quoted named value comes back as typed (round trip)', () => {
    const phrase = text(20).map((value) => value.replace(/"/g, ''));
    fc.assert(
      fc.property(phrase, (value) => {
        expect(parse(`/explain topic:"${value}"`)?.args['topic']).toBe(value);
      }),
      { numRuns: RUNS.normal },
    );
  });

  it('the rest of the line goes to the rest option as typed, spacing and newlines inside it kept (round trip)', () => {
    const prompt = fc.array(fc.tuple(plainWord, fc.constantFrom(' ', '  ', '\n', '\t', ' \n ')), { minLength: 1, maxLength: 12 }).map((words) => words.map(([word, space]) => word + space).join(''));
    fc.assert(
      fc.property(prompt, (typed) => {
        expect(parse(`/generate ${typed}`)?.args['prompt']).toBe(typed.trim());
      }),
      { numRuns: RUNS.normal },
    );
  });
});

describe('coerceOption and sanitizeText (property)', () => {
  it('any raw value: a valid value or a UserError, never another error; text comes out clean and within its limit', () => {
    const raw = fc.oneof(text(30), fc.double(), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(fc.constantFrom(...ALL_OPTIONS), raw, (option, value) => {
        let coerced: string | number | undefined;
        try {
          coerced = coerceOption(option, value);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        if (typeof coerced === 'string') {
          expect(wellFormed(coerced)).toBe(true);
          expect(coerced).not.toMatch(CONTROL);
          expect(coerced).toBe(coerced.trim());
          if (option.type === 'string') expect([...coerced].length).toBeLessThanOrEqual(option.maxLength);
          if (option.type === 'choice') expect(option.choices).toContain(coerced);
        } else if (typeof coerced === 'number') {
          expect(Number.isFinite(coerced)).toBe(true);
          if (option.type === 'integer' || option.type === 'number') {
            expect(coerced).toBeGreaterThanOrEqual(option.min);
            expect(coerced).toBeLessThanOrEqual(option.max);
          }
        }
      }),
      { numRuns: RUNS.cheap },
    );
  });

  it('sanitizeText: well-formed, no control characters, trimmed, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(text(40), (typed) => {
        const clean = sanitizeText(typed);
        expect(wellFormed(clean)).toBe(true);
        expect(clean).not.toMatch(CONTROL);
        expect(sanitizeText(clean)).toBe(clean);
      }),
      { numRuns: RUNS.cheap },
    );
  });
});
