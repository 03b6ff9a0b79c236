/**
 * Discord's rules for registering application commands (PUT …/commands), enough to catch what a registration
 * builder gets wrong: names, lengths, localizations, option nesting and order, choices vs autocomplete, bounds,
 * and the installs and contexts a command is offered in (`integration_types`, `contexts`).
 */
import { invalidFormBody } from './validate.js';

/** The locales Discord accepts as keys of name_localizations / description_localizations. */
export const DISCORD_LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR',
  'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_DESCRIPTION_LENGTH = 100;
const MAX_STRING_OPTION_LENGTH = 6_000;
/** Name + description + every option's and choice's text of one command, per locale. */
const MAX_COMMAND_TEXT_LENGTH = 4_000;

export const OptionType = { Subcommand: 1, Group: 2, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;
/** APPLICATION_INTEGRATION_TYPES: 0 GUILD_INSTALL, 1 USER_INSTALL. */
export const INTEGRATION_TYPES = [0, 1] as const;
/** INTERACTION_CONTEXT_TYPES: 0 GUILD, 1 BOT_DM, 2 PRIVATE_CHANNEL. */
export const CONTEXT_TYPES = [0, 1, 2] as const;

type Problem = { path: (string | number)[]; code: string; message: string };
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateCommands(body: unknown): void {
  if (!Array.isArray(body)) throw invalidFormBody([{ path: [], code: 'BASE_TYPE_LIST', message: 'Must be a list.' }]);
  const problems: Problem[] = [];
  if (body.length > MAX_COMMANDS) problems.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_COMMANDS} or fewer in length.` });
  const names = new Set<string>();
  body.forEach((command, i) => {
    if (!isObject(command)) return problems.push({ path: [i], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    if (names.has(String(command['name']))) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    names.add(String(command['name']));
    problems.push(...namedProblems(command, [i]));
    problems.push(...enumListProblems(command['integration_types'], [i, 'integration_types'], INTEGRATION_TYPES));
    problems.push(...enumListProblems(command['contexts'], [i, 'contexts'], CONTEXT_TYPES));
    problems.push(...optionListProblems(command['options'], [i, 'options'], 'command'));
    const length = textLength(command);
    if (length > MAX_COMMAND_TEXT_LENGTH) problems.push({ path: [i], code: 'APPLICATION_COMMAND_TOO_LARGE', message: `Command exceeds maximum size (${MAX_COMMAND_TEXT_LENGTH})` });
    return undefined;
  });
  if (problems.length > 0) throw invalidFormBody(problems);
}

/**
 * `integration_types` and `contexts`: optional (null or left out: the app's defaults), else a list of the enum's
 * values, each once. Discord answers anything else as a form error on the element, e.g. ENUM_TYPE_COERCE.
 */
function enumListProblems(value: unknown, path: (string | number)[], allowed: readonly number[]): Problem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [{ path, code: 'BASE_TYPE_LIST', message: 'Must be a list.' }];
  const problems: Problem[] = [];
  if (value.length > allowed.length) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${allowed.length} or fewer in length.` });
  value.forEach((item, j) => {
    if (typeof item !== 'number' || !allowed.includes(item)) problems.push({ path: [...path, j], code: 'ENUM_TYPE_COERCE', message: `Value "${String(item)}" is not a valid enum value.` });
    else if (value.indexOf(item) !== j) problems.push({ path: [...path, j], code: 'SET_TYPE_ALREADY_CONTAINS_VALUE', message: 'The set already contains this value.' });
  });
  return problems;
}

/** Name, description and their localizations, for a command or an option. */
function namedProblems(item: Json, path: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  const name = item['name'];
  if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase()) {
    problems.push({ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
  const description = item['description'];
  if (typeof description !== 'string' || description.length < 1 || description.length > MAX_DESCRIPTION_LENGTH) {
    problems.push({ path: [...path, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MAX_DESCRIPTION_LENGTH} in length.` });
  }
  for (const field of ['name_localizations', 'description_localizations'] as const) {
    const localizations = item[field];
    if (localizations === undefined || localizations === null) continue;
    if (!isObject(localizations)) {
      problems.push({ path: [...path, field], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
      continue;
    }
    for (const [locale, text] of Object.entries(localizations)) {
      if (!DISCORD_LOCALES.has(locale)) problems.push({ path: [...path, field, locale], code: 'ENUM_TYPE_COERCE', message: `Value "${locale}" is not a valid enum value.` });
      const valid =
        typeof text === 'string' &&
        (field === 'name_localizations' ? NAME.test(text) && text === text.toLowerCase() : text.length >= 1 && text.length <= MAX_DESCRIPTION_LENGTH);
      if (!valid) problems.push({ path: [...path, field, locale], code: 'BASE_TYPE_BAD_LENGTH', message: 'Invalid localization.' });
    }
  }
  return problems;
}

/** `parent`: sub-commands and groups sit only at the top; a group holds sub-commands only; a sub-command holds values. */
function optionListProblems(options: unknown, path: (string | number)[], parent: 'command' | 'group' | 'subcommand'): Problem[] {
  if (options === undefined || options === null) return [];
  if (!Array.isArray(options)) return [{ path, code: 'BASE_TYPE_LIST', message: 'Must be a list.' }];
  const problems: Problem[] = [];
  if (options.length > MAX_OPTIONS) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_OPTIONS} or fewer in length.` });
  const kinds = options.map((option) => (isObject(option) ? option['type'] : undefined));
  const nesting = kinds.filter((kind) => kind === OptionType.Subcommand || kind === OptionType.Group).length;
  if (nesting > 0 && nesting < options.length) problems.push({ path, code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-commands and groups cannot be mixed with other options' });
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    if (!isObject(option)) return problems.push({ path: [...path, i], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    const here = [...path, i];
    problems.push(...namedProblems(option, here));
    if (names.has(String(option['name']))) problems.push({ path: [...here, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    names.add(String(option['name']));
    const type = option['type'];
    if (type === OptionType.Subcommand || type === OptionType.Group) {
      const allowed = parent === 'command' || (parent === 'group' && type === OptionType.Subcommand);
      if (!allowed) problems.push({ path: [...here, 'type'], code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-command nesting is invalid' });
      problems.push(...optionListProblems(option['options'], [...here, 'options'], type === OptionType.Group ? 'group' : 'subcommand'));
      return undefined;
    }
    if (parent === 'group') problems.push({ path: [...here, 'type'], code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Groups hold sub-commands only' });
    if (option['required'] === true && optionalSeen) problems.push({ path: [...here, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    if (option['required'] !== true) optionalSeen = true;
    problems.push(...valueOptionProblems(option, here));
    return undefined;
  });
  return problems;
}

function valueOptionProblems(option: Json, path: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  const type = option['type'];
  if (![OptionType.String, OptionType.Integer, OptionType.Boolean, OptionType.Number, 6, 7, 8, 9, 11].includes(type as number)) {
    problems.push({ path: [...path, 'type'], code: 'ENUM_TYPE_COERCE', message: 'Invalid option type.' });
  }
  const choices = option['choices'];
  if (choices !== undefined) {
    if (!Array.isArray(choices) || choices.length > MAX_CHOICES) problems.push({ path: [...path, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CHOICES} or fewer in length.` });
    if (option['autocomplete'] === true) problems.push({ path: [...path, 'autocomplete'], code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_AND_CHOICES', message: 'Autocomplete cannot be set with choices' });
    (Array.isArray(choices) ? choices : []).forEach((choice, i) => {
      const name = isObject(choice) ? choice['name'] : undefined;
      const value = isObject(choice) ? choice['value'] : undefined;
      if (typeof name !== 'string' || name.length < 1 || name.length > 100) problems.push({ path: [...path, 'choices', i, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
      const valueOk = type === OptionType.String ? typeof value === 'string' && value.length <= 100 : typeof value === 'number';
      if (!valueOk) problems.push({ path: [...path, 'choices', i, 'value'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Choice value does not fit the option type.' });
    });
  }
  if (option['autocomplete'] === true && ![OptionType.String, OptionType.Integer, OptionType.Number].includes(type as 3)) {
    problems.push({ path: [...path, 'autocomplete'], code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID', message: 'Autocomplete needs a string, integer or number option' });
  }
  const bounded = (key: string, allowed: boolean, valid: (value: unknown) => boolean) => {
    if (option[key] === undefined) return;
    if (!allowed || !valid(option[key])) problems.push({ path: [...path, key], code: 'NUMBER_TYPE_COERCE', message: `Invalid ${key}.` });
  };
  const isNumber = type === OptionType.Integer || type === OptionType.Number;
  const numeric = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && (type !== OptionType.Integer || Number.isInteger(value));
  bounded('min_value', isNumber, numeric);
  bounded('max_value', isNumber, numeric);
  bounded('min_length', type === OptionType.String, (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_STRING_OPTION_LENGTH);
  bounded('max_length', type === OptionType.String, (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_STRING_OPTION_LENGTH);
  if (typeof option['min_value'] === 'number' && typeof option['max_value'] === 'number' && option['min_value'] > option['max_value']) {
    problems.push({ path: [...path, 'min_value'], code: 'NUMBER_TYPE_MAX', message: 'min_value must not exceed max_value.' });
  }
  return problems;
}

/** The text Discord counts toward a command's size limit, in its longest locale. */
function textLength(command: Json): number {
  const locales = ['', ...DISCORD_LOCALES];
  return Math.max(...locales.map((locale) => lengthIn(command, locale)));
}

function lengthIn(item: Json, locale: string): number {
  const pick = (field: string, base: unknown) => {
    const localized = isObject(item[field]) ? (item[field] as Json)[locale] : undefined;
    return String(localized ?? base ?? '').length;
  };
  let total = pick('name_localizations', item['name']) + pick('description_localizations', item['description']);
  for (const choice of Array.isArray(item['choices']) ? item['choices'] : []) total += isObject(choice) ? String(choice['name'] ?? '').length + String(choice['value'] ?? '').length : 0;
  for (const option of Array.isArray(item['options']) ? item['options'] : []) total += isObject(option) ? lengthIn(option, locale) : 0;
  return total;
}
