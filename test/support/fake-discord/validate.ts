/**
 * What Discord checks on message bodies, component rows and autocomplete results, answered the way Discord does
 * (400 "Invalid Form Body", code 50035, errors nested by field path), so a bot that passes here passes there.
 */
import { FakeDiscordError } from './types.js';

export const DISCORD_MAX_CONTENT_LENGTH = 2_000;
export const DISCORD_MAX_CUSTOM_ID_LENGTH = 100;
export const DISCORD_MAX_BUTTON_LABEL_LENGTH = 80;
export const DISCORD_MAX_ACTION_ROWS = 5;
export const DISCORD_MAX_ROW_COMPONENTS = 5;
export const DISCORD_MAX_AUTOCOMPLETE_CHOICES = 25;
export const DISCORD_MAX_CHOICE_NAME_LENGTH = 100;
export const DISCORD_MAX_ATTACHMENT_DESCRIPTION_LENGTH = 1_024;
export const EPHEMERAL_FLAG = 64;

type Problem = { path: (string | number)[]; code: string; message: string };

/** Discord's nested error object: `{ content: { _errors: [{ code, message }] } }`. */
function nest(problems: Problem[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = root;
    for (const key of problem.path) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node['_errors'] ??= []) as unknown[];
    list.push({ code: problem.code, message: problem.message });
  }
  return root;
}

export function invalidFormBody(problems: Problem[]): FakeDiscordError {
  return new FakeDiscordError(400, { message: 'Invalid Form Body', code: 50035, errors: nest(problems) });
}

function tooLong(path: (string | number)[], max: number): Problem {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A message body (create or edit). `hasFiles`: the multipart request carried files. `existing`: what an edit keeps
 * when it leaves fields out (an edit may clear the content if something else stays).
 */
export function validateMessage(body: unknown, options: { hasFiles: boolean; existing?: { content: string; components: unknown[]; attachments: unknown[] } }): void {
  if (!isObject(body)) throw invalidFormBody([{ path: [], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }]);
  const problems: Problem[] = [];
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') problems.push({ path: ['content'], code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
  if (typeof content === 'string' && content.length > DISCORD_MAX_CONTENT_LENGTH) problems.push(tooLong(['content'], DISCORD_MAX_CONTENT_LENGTH));
  problems.push(...componentProblems(body['components']));
  problems.push(...attachmentProblems(body['attachments']));
  const mentions = body['allowed_mentions'];
  if (mentions !== undefined && !isObject(mentions)) problems.push({ path: ['allowed_mentions'], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
  if (problems.length > 0) throw invalidFormBody(problems);

  const finalContent = typeof content === 'string' ? content : (options.existing?.content ?? '');
  const components = Array.isArray(body['components']) ? body['components'] : (options.existing?.components ?? []);
  const embeds = Array.isArray(body['embeds']) ? body['embeds'] : [];
  const attachments = Array.isArray(body['attachments']) ? body['attachments'] : (options.existing?.attachments ?? []);
  if (finalContent.trim() === '' && components.length === 0 && embeds.length === 0 && attachments.length === 0 && !options.hasFiles) {
    throw new FakeDiscordError(400, { message: 'Cannot send an empty message', code: 50006 });
  }
}

function componentProblems(components: unknown): Problem[] {
  if (components === undefined || components === null) return [];
  if (!Array.isArray(components)) return [{ path: ['components'], code: 'BASE_TYPE_LIST', message: 'Must be a list.' }];
  const problems: Problem[] = [];
  if (components.length > DISCORD_MAX_ACTION_ROWS) problems.push(tooLong(['components'], DISCORD_MAX_ACTION_ROWS));
  components.forEach((row, r) => {
    if (!isObject(row) || row['type'] !== 1 || !Array.isArray(row['components'])) {
      problems.push({ path: ['components', r], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' });
      return;
    }
    const buttons = row['components'];
    if (buttons.length === 0) problems.push({ path: ['components', r, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
    if (buttons.length > DISCORD_MAX_ROW_COMPONENTS) problems.push(tooLong(['components', r, 'components'], DISCORD_MAX_ROW_COMPONENTS));
    buttons.forEach((button, b) => problems.push(...buttonProblems(button, ['components', r, 'components', b])));
  });
  return problems;
}

function buttonProblems(button: unknown, path: (string | number)[]): Problem[] {
  if (!isObject(button) || button['type'] !== 2) return [{ path, code: 'COMPONENT_TYPE_INVALID', message: 'Only buttons are used in these tests.' }];
  const problems: Problem[] = [];
  const style = button['style'];
  if (typeof style !== 'number' || style < 1 || style > 6) problems.push({ path: [...path, 'style'], code: 'BUTTON_COMPONENT_INVALID_STYLE', message: 'Invalid button style.' });
  const label = button['label'];
  if (label !== undefined && (typeof label !== 'string' || label.length > DISCORD_MAX_BUTTON_LABEL_LENGTH)) problems.push(tooLong([...path, 'label'], DISCORD_MAX_BUTTON_LABEL_LENGTH));
  if (label === undefined && button['emoji'] === undefined) problems.push({ path: [...path], code: 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', message: 'A label or an emoji is required.' });
  if (style === 5) {
    if (typeof button['url'] !== 'string') problems.push({ path: [...path, 'url'], code: 'BUTTON_COMPONENT_URL_REQUIRED', message: 'A URL is required.' });
  } else {
    const id = button['custom_id'];
    if (typeof id !== 'string' || id.length === 0) problems.push({ path: [...path, 'custom_id'], code: 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', message: 'A custom id is required.' });
    else if (id.length > DISCORD_MAX_CUSTOM_ID_LENGTH) problems.push(tooLong([...path, 'custom_id'], DISCORD_MAX_CUSTOM_ID_LENGTH));
  }
  return problems;
}

function attachmentProblems(attachments: unknown): Problem[] {
  if (attachments === undefined || attachments === null) return [];
  if (!Array.isArray(attachments)) return [{ path: ['attachments'], code: 'BASE_TYPE_LIST', message: 'Must be a list.' }];
  const problems: Problem[] = [];
  attachments.forEach((attachment, i) => {
    const description = isObject(attachment) ? attachment['description'] : undefined;
    if (typeof description === 'string' && description.length > DISCORD_MAX_ATTACHMENT_DESCRIPTION_LENGTH) {
      problems.push(tooLong(['attachments', i, 'description'], DISCORD_MAX_ATTACHMENT_DESCRIPTION_LENGTH));
    }
  });
  return problems;
}

/** An autocomplete result (callback type 8): at most 25 choices, names 1–100 characters, values ≤ 100. */
export function validateAutocomplete(data: unknown): void {
  const choices = isObject(data) ? data['choices'] : undefined;
  if (!Array.isArray(choices)) throw invalidFormBody([{ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  const problems: Problem[] = [];
  if (choices.length > DISCORD_MAX_AUTOCOMPLETE_CHOICES) problems.push(tooLong(['data', 'choices'], DISCORD_MAX_AUTOCOMPLETE_CHOICES));
  choices.forEach((choice, i) => {
    const name = isObject(choice) ? choice['name'] : undefined;
    const value = isObject(choice) ? choice['value'] : undefined;
    if (typeof name !== 'string' || name.length < 1 || name.length > DISCORD_MAX_CHOICE_NAME_LENGTH) {
      problems.push({ path: ['data', 'choices', i, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (typeof value === 'string' ? value.length > DISCORD_MAX_CHOICE_NAME_LENGTH : typeof value !== 'number') {
      problems.push({ path: ['data', 'choices', i, 'value'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
  });
  if (problems.length > 0) throw invalidFormBody(problems);
}

/** A modal (callback type 9): a custom id ≤ 100, a title ≤ 45, 1–5 rows. */
export function validateModal(data: unknown): void {
  if (!isObject(data)) throw invalidFormBody([{ path: ['data'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  const problems: Problem[] = [];
  const id = data['custom_id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > DISCORD_MAX_CUSTOM_ID_LENGTH) problems.push(tooLong(['data', 'custom_id'], DISCORD_MAX_CUSTOM_ID_LENGTH));
  const title = data['title'];
  if (typeof title !== 'string' || title.length === 0 || title.length > 45) problems.push(tooLong(['data', 'title'], 45));
  const rows = data['components'];
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > DISCORD_MAX_ACTION_ROWS) problems.push(tooLong(['data', 'components'], DISCORD_MAX_ACTION_ROWS));
  if (problems.length > 0) throw invalidFormBody(problems);
}
