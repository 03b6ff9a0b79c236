/** What the Bot API checks in the parameters of the methods the fake serves, with Telegram's own error texts. */
import { parseTelegramHtml, visibleLength, type MessageEntity } from './html.js';
import type { InlineButton, InlineKeyboard } from './objects.js';

export const MAX_MESSAGE_CHARS = 4096;
export const MAX_CAPTION_CHARS = 1024;
export const MAX_CALLBACK_DATA_BYTES = 64;
export const MAX_CALLBACK_ANSWER_CHARS = 200;
const MAX_COMMANDS = 100;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A 400 answer: `description` is sent after "Bad Request: ". */
export class BadRequest extends Error {
  constructor(readonly description: string) {
    super(description);
  }
}

export type Params = Record<string, unknown>;

/** Message text or a caption: parsed in its parse mode, then length-checked on what the reader will see. */
export function formattedText(params: Params, field: 'text' | 'caption'): { text: string; entities: MessageEntity[] } | undefined {
  const raw = params[field];
  if (raw === undefined || raw === null) {
    if (field === 'text') throw new BadRequest('message text is empty');
    return undefined;
  }
  if (typeof raw !== 'string') throw new BadRequest(`field "${field}" must be a string`);
  // A lone surrogate (text cut inside an emoji) is not UTF-8: Telegram refuses the whole message.
  if (LONE_SURROGATE.test(raw)) throw new BadRequest('strings must be encoded in UTF-8');
  const mode = params['parse_mode'];
  let parsed: { text: string; entities: MessageEntity[] };
  if (mode === undefined || mode === null || mode === '') {
    parsed = { text: raw, entities: [] };
  } else if (typeof mode === 'string' && mode.toLowerCase() === 'html') {
    const result = parseTelegramHtml(raw);
    if (!result.ok) throw new BadRequest(result.error);
    parsed = result;
  } else {
    // Real Telegram also speaks Markdown and MarkdownV2; the adapter under test uses HTML only.
    throw new BadRequest(`unsupported parse_mode in the fake: ${String(mode)}`);
  }
  if (field === 'text' && parsed.text.trim() === '') throw new BadRequest('message text is empty');
  const limit = field === 'text' ? MAX_MESSAGE_CHARS : MAX_CAPTION_CHARS;
  if (visibleLength(parsed.text) > limit) throw new BadRequest(field === 'text' ? 'message is too long' : 'message caption is too long');
  return parsed;
}

/** An inline keyboard (the only markup the tutor sends); callback data is 1–64 bytes. */
export function inlineKeyboard(raw: unknown): InlineKeyboard | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  const rows = (value as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) throw new BadRequest("can't parse reply keyboard markup JSON object");
  const keyboard: InlineKeyboard = { inline_keyboard: [] };
  for (const row of rows) {
    if (!Array.isArray(row)) throw new BadRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    keyboard.inline_keyboard.push(row.map(button));
  }
  return keyboard;
}

function button(raw: unknown): InlineButton {
  const candidate = raw as Partial<InlineButton> | null;
  if (!candidate || typeof candidate.text !== 'string' || candidate.text.trim() === '') throw new BadRequest('BUTTON_TEXT_INVALID');
  if (candidate.callback_data !== undefined) {
    const bytes = typeof candidate.callback_data === 'string' ? Buffer.byteLength(candidate.callback_data) : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw new BadRequest('BUTTON_DATA_INVALID');
    return { text: candidate.text, callback_data: candidate.callback_data };
  }
  if (typeof candidate.url === 'string') {
    // Telegram accepts http(s) and tg:// links only.
    if (!/^(https?|tg):\/\/[^\s]+$/i.test(candidate.url)) throw new BadRequest('BUTTON_URL_INVALID');
    return { text: candidate.text, url: candidate.url };
  }
  throw new BadRequest("can't find field \"callback_data\" or \"url\" in the button");
}

export interface BotCommand {
  command: string;
  description: string;
}

export function botCommands(raw: unknown): BotCommand[] {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  if (!Array.isArray(value)) throw new BadRequest('parameter "commands" must be an array');
  if (value.length > MAX_COMMANDS) throw new BadRequest('too many commands');
  return value.map((entry: Partial<BotCommand>) => {
    if (typeof entry.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command)) throw new BadRequest('BOT_COMMAND_INVALID');
    if (typeof entry.description !== 'string' || entry.description.length < 1 || entry.description.length > 256) throw new BadRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    return { command: entry.command, description: entry.description };
  });
}

/** JSON fields arrive as strings in multipart and form bodies. */
export function jsonField(raw: unknown): unknown {
  return typeof raw === 'string' ? safeJson(raw) : raw;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest("can't parse JSON object");
  }
}

export function chatIdOf(params: Params): number {
  const raw = params['chat_id'];
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new BadRequest('chat not found');
  return id;
}

export function integerOf(params: Params, field: string): number | undefined {
  const raw = params[field];
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw new BadRequest(`field "${field}" must be an integer`);
  return value;
}
