import { z } from 'zod';
import { decodeAttachment, MAX_ATTACHMENT_VALUE_LENGTH } from './attachments.js';
import { UserError } from './errors.js';
import type { RawArg } from './invocation.js';
import { wellFormed } from './well-formed.js';

/** Text in both languages; zh is Simplified (Traditional is converted). */
export interface Localized {
  en: string;
  zh: string;
}

interface OptionBase<N extends string> {
  name: N;
  description: Localized;
  required?: boolean;
}
export interface StringOption<N extends string = string> extends OptionBase<N> {
  type: 'string';
  maxLength: number;
  /** In typed syntax (Telegram, terminal), this option takes the rest of the line. */
  rest?: boolean;
  /** Where Discord autocompletes the value from. */
  autocomplete?: 'topic';
}
export interface IntegerOption<N extends string = string> extends OptionBase<N> {
  type: 'integer';
  min: number;
  max: number;
}
export interface NumberOption<N extends string = string> extends OptionBase<N> {
  type: 'number';
  min: number;
  max: number;
}
export interface ChoiceOption<N extends string = string, C extends string = string> extends OptionBase<N> {
  type: 'choice';
  choices: readonly C[];
  /** Other words accepted for a choice, lowercased (`入门` for `beginner`); errors and menus list the choices only. */
  aliases?: Readonly<Record<string, C>>;
}
/** A file attached to the command (Discord's attachment option; a Telegram document with the command as caption). */
export interface AttachmentOption<N extends string = string> extends OptionBase<N> {
  type: 'attachment';
}
export type OptionSpec = StringOption | IntegerOption | NumberOption | ChoiceOption | AttachmentOption;

/** The value type an option holds once validated. */
type ValueOf<O> = O extends ChoiceOption<string, infer C> ? C : O extends StringOption | AttachmentOption ? string : number;
type RequiredOf<Opts extends readonly OptionSpec[]> = Extract<Opts[number], { required: true }>;
type OptionalOf<Opts extends readonly OptionSpec[]> = Exclude<Opts[number], { required: true }>;
/**
 * The validated arguments of an option list: required options are always present, others may be left out (optional
 * keys, so a job's typed arguments are still plain `TutorJob` arguments).
 */
export type ArgsOf<Opts extends readonly OptionSpec[]> = Simplify<
  { [O in RequiredOf<Opts> as O['name']]: ValueOf<O> } & { [O in OptionalOf<Opts> as O['name']]?: ValueOf<O> | undefined }
>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

// C0/C1 control characters except tab and newline: they break terminals and confuse platforms.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Removes control and bidi-override characters, replaces lone surrogates (U+FFFD) and trims; what is left is what
 * the user meant to type, and can be stored (Redis's cjson refuses a lone surrogate) and posted.
 */
export function sanitizeText(text: string): string {
  return wellFormed(text).replace(CONTROL_CHARS, '').trim();
}

/** The zod schema of one option: what the worker re-checks a job's arguments against. */
export function optionSchema(option: OptionSpec): z.ZodType {
  switch (option.type) {
    case 'string':
      return z.string().min(1).max(option.maxLength);
    case 'integer':
      return z.number().int().min(option.min).max(option.max);
    case 'number':
      return z.number().min(option.min).max(option.max);
    case 'choice':
      return z.enum(option.choices as [string, ...string[]]);
    case 'attachment':
      return z.string().min(3).max(MAX_ATTACHMENT_VALUE_LENGTH);
  }
}

/** The zod schema of a whole option list, for validating job arguments at the worker. */
export function argsSchema<Opts extends readonly OptionSpec[]>(options: Opts): z.ZodType<ArgsOf<Opts>> {
  const shape: Record<string, z.ZodType> = {};
  for (const option of options) {
    const schema = optionSchema(option);
    shape[option.name] = option.required ? schema : schema.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<ArgsOf<Opts>>;
}

/**
 * Turns one raw value (typed by Discord, or text from Telegram and the terminal) into a valid value,
 * or throws a UserError that names the option and the rule it broke.
 */
export function coerceOption(option: OptionSpec, raw: RawArg): string | number | undefined {
  // An attachment is bytes in a string (attachments.ts), never typed text: no text clean-up, only its size.
  if (option.type === 'attachment') {
    if (typeof raw !== 'string' || !decodeAttachment(raw)) throw new UserError('option_required', { option: option.name });
    return raw;
  }
  const text = typeof raw === 'string' ? sanitizeText(raw) : raw;
  if (text === '') return undefined;
  const name = option.name;
  switch (option.type) {
    case 'string': {
      const value = String(text);
      if ([...value].length > option.maxLength) throw new UserError('option_too_long', { option: name, max: option.maxLength });
      return value;
    }
    case 'integer':
    case 'number': {
      // NFKC: a Chinese keyboard's full-width digits and signs (`５`, `－１`, `０．５`) are the number they look like.
      const value = typeof text === 'number' ? text : parseNumber(String(text).normalize('NFKC'));
      if (value === undefined || !Number.isFinite(value)) {
        throw new UserError(option.type === 'integer' ? 'option_not_an_integer' : 'option_not_a_number', { option: name });
      }
      if (option.type === 'integer' && !Number.isInteger(value)) throw new UserError('option_not_an_integer', { option: name });
      if (value < option.min || value > option.max) {
        throw new UserError('option_out_of_range', { option: name, min: option.min, max: option.max });
      }
      return value;
    }
    case 'choice': {
      const value = String(text).normalize('NFKC').toLowerCase();
      const alias = option.aliases && Object.hasOwn(option.aliases, value) ? option.aliases[value] : undefined;
      const match = option.choices.find((choice) => choice.toLowerCase() === value) ?? alias;
      if (!match) throw new UserError('option_invalid_choice', { option: name, choices: option.choices.join(', ') });
      return match;
    }
  }
}

/** Plain decimal numbers only: "1e9", "0x10", "Infinity" and "NaN" are not what a student means by a number. */
function parseNumber(text: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : undefined;
}
