/**
 * Telegram's HTML parse mode as the Bot API applies it (modelled on tdlib's parse_html): the supported tags, the four
 * named entities plus numeric ones, and the errors real Telegram answers with "Bad Request: can't parse entities: …".
 * The result is the text a reader sees and its entities, so lengths are checked AFTER parsing, as Telegram does.
 *
 * One deliberate difference: Telegram keeps a bare `&` that starts no entity as text; this fake rejects it, because a
 * bare `&` in rendered output always means user or model text went out unescaped.
 */

export interface MessageEntity {
  type: string;
  /** In UTF-16 code units, as the Bot API counts. */
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export type ParsedHtml = { ok: true; text: string; entities: MessageEntity[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  a: 'text_link',
  blockquote: 'blockquote',
  span: 'spoiler',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  type: string;
  start: number;
  attributes: Record<string, string>;
}

export function parseTelegramHtml(source: string): ParsedHtml {
  const fail = (reason: string): ParsedHtml => ({ ok: false, error: `can't parse entities: ${reason}` });
  const byteOffset = (index: number) => Buffer.byteLength(source.slice(0, index));
  let text = '';
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < source.length; ) {
    const char = source[i]!;
    if (char === '&') {
      const decoded = decodeEntity(source, i);
      if (!decoded) return fail(`Unescaped "&" at byte offset ${byteOffset(i)}`);
      text += decoded.char;
      i = decoded.end;
      continue;
    }
    if (char !== '<') {
      text += char;
      i += 1;
      continue;
    }
    const close = source.indexOf('>', i);
    if (close === -1) return fail(`Unclosed start tag at byte offset ${byteOffset(i)}`);
    const inner = source.slice(i + 1, close);

    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (!top) return fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      if (top.name !== name) return fail(`Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${top.name}>", found "</${name}>"`);
      const entity = toEntity(top, text.length);
      if (typeof entity === 'string') return fail(entity);
      if (entity) entities.push(entity);
      i = close + 1;
      continue;
    }

    const nameMatch = /^([^\s/>]*)/.exec(inner)!;
    const name = nameMatch[1]!.toLowerCase();
    const type = TAG_TYPES[name];
    if (!type) return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
    const attributes = parseAttributes(inner.slice(nameMatch[0].length));
    if (attributes === undefined) return fail(`Can't parse attributes of tag "${name}" at byte offset ${byteOffset(i)}`);
    if (name === 'span' && attributes['class'] !== 'tg-spoiler') return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(i)}`);
    open.push({ name, type, start: text.length, attributes });
    i = close + 1;
  }
  const unclosed = open.pop();
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { ok: true, text, entities };
}

function toEntity(tag: OpenTag, end: number): MessageEntity | string | undefined {
  const length = end - tag.start;
  if (tag.type === 'text_link') {
    const href = tag.attributes['href'] ?? '';
    if (!/^(https?|tg):\/\/\S+$/.test(href)) return `Wrong URL in tag "a": "${href}"`;
    return length > 0 ? { type: 'text_link', offset: tag.start, length, url: href } : undefined;
  }
  if (tag.type === 'custom_emoji' && !tag.attributes['emoji-id']) return 'Custom emoji entity must have emoji-id';
  if (length === 0) return undefined;
  const entity: MessageEntity = { type: tag.type, offset: tag.start, length };
  if (tag.type === 'code' && tag.attributes['class']?.startsWith('language-')) entity.language = tag.attributes['class'].slice('language-'.length);
  return entity;
}

/** `name="value"`, `name='value'`, `name=value` or a bare `name`; undefined when the text is not attributes. */
function parseAttributes(source: string): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  const pattern = /\s*([A-Za-z-]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+)))?/y;
  let index = 0;
  const trimmedEnd = source.replace(/\s*\/?\s*$/, '').length;
  while (index < trimmedEnd) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match || match[0].length === 0) return undefined;
    const raw = match[3] ?? match[4] ?? match[5] ?? '';
    const value = decodeAll(raw);
    if (value === undefined) return undefined;
    attributes[match[1]!.toLowerCase()] = value;
    index = pattern.lastIndex;
  }
  return attributes;
}

function decodeAll(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '&') {
      out += raw[i];
      i += 1;
      continue;
    }
    const decoded = decodeEntity(raw, i);
    if (!decoded) return undefined;
    out += decoded.char;
    i = decoded.end;
  }
  return out;
}

function decodeEntity(source: string, start: number): { char: string; end: number } | undefined {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/.exec(source.slice(start, start + 12));
  if (!match) return undefined;
  const body = match[1]!;
  let char: string | undefined;
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    char = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
  } else {
    char = NAMED_ENTITIES[body];
  }
  return char === undefined ? undefined : { char, end: start + match[0].length };
}

/** Telegram's length rule: characters (code points) of the text after entity parsing. */
export function visibleLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
