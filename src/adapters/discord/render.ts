/**
 * Replies (the markdown subset of src/core/markdown.ts) rendered as Discord messages: Discord markdown with every
 * other markup character of user and model text escaped, split into messages of at most 2,000 characters, buttons
 * as component rows, the attention PNG as an attachment with alt text.
 */
import { parseMarkdown, type Inline } from '../../core/markdown.js';
import type { Button, Reply } from '../../core/reply.js';
import { wellFormed } from '../../core/well-formed.js';
import { splitMarkdown } from '../chat/split.js';
import { truncateUtf16 } from '../chat/truncate.js';

export const DISCORD_MAX_CONTENT_LENGTH = 2_000;
export const DISCORD_MAX_BUTTON_LABEL_LENGTH = 80;
export const DISCORD_MAX_CUSTOM_ID_LENGTH = 100;
export const DISCORD_MAX_ACTION_ROWS = 5;
export const DISCORD_MAX_ROW_BUTTONS = 5;
export const DISCORD_MAX_ALT_TEXT_LENGTH = 1_024;

/** Message flags: no link previews (user text may carry URLs); ephemeral = only the asker sees it. */
export const SUPPRESS_EMBEDS_FLAG = 1 << 2;
export const EPHEMERAL_FLAG = 1 << 6;

/** On every message: nothing in a reply may ping @everyone, @here, a role or a user. */
export const NO_MENTIONS: { parse: never[] } = Object.freeze({ parse: [] });

// Characters Discord markdown gives meaning anywhere in a line: emphasis, spoilers, code, mentions and masked links.
const INLINE_MARKUP = /[\\*_~`|<>[\]]/g;
// At the start of a line: headings (#, ##, ###) and subtext (-#).
const LINE_START_MARKUP = /^(\s*)(#{1,3}\s|-#\s)/;
// A zero-width space keeps a fence or a mass mention from being read as one, without changing what people see.
const ZERO_WIDTH_SPACE = '\u200b';
/** Shown when a streamed reply is longer than one message so far. */
const MORE_MARK = '\n…';

/** Makes text literal in Discord markdown. */
export function escapeDiscord(text: string): string {
  return text.replace(INLINE_MARKUP, '\\$&').replace(/@(everyone|here)/g, `@${ZERO_WIDTH_SPACE}$1`);
}

function renderInline(inline: Inline): string {
  switch (inline.type) {
    case 'text':
      return escapeDiscord(inline.text);
    case 'bold':
      return `**${escapeDiscord(inline.text)}**`;
    case 'italic':
      return `*${escapeDiscord(inline.text)}*`;
    case 'code': {
      // Inside code spans nothing can be escaped: a span holding backticks gets double ticks and broken-up runs.
      if (!inline.text.includes('`')) return `\`${inline.text}\``;
      return `\`\` ${inline.text.replace(/``/g, `\`${ZERO_WIDTH_SPACE}\``)} \`\``;
    }
  }
}

/** The markdown subset rendered as Discord markdown; a lone surrogate (no UTF-8 form) shows as U+FFFD. */
export function renderDiscordMarkdown(source: string): string {
  return parseMarkdown(wellFormed(source))
    .map((block) => {
      if (block.type === 'code') return `\`\`\`${block.language ?? ''}\n${block.text.replace(/```/g, `\`${ZERO_WIDTH_SPACE}\`\``) || ' '}\n\`\`\``;
      const line = block.inlines.map(renderInline).join('');
      return line.replace(LINE_START_MARKUP, '$1\\$2');
    })
    .join('\n');
}

function fits(limit: number): (part: string) => boolean {
  return (part) => renderDiscordMarkdown(part).length <= limit;
}

/** The rendered messages of a reply's text: each ≤ 2,000 characters, code blocks closed and reopened across parts. */
export function renderParts(text: string): string[] {
  const parts = splitMarkdown(text, fits(DISCORD_MAX_CONTENT_LENGTH)).map(renderDiscordMarkdown);
  // Discord refuses an empty message; a reply always says something.
  return parts.length > 0 ? parts : ['…'];
}

/** A streamed update fits one message: the beginning of the text so far, marked when there is more. */
export function renderPreview(text: string): string {
  const parts = splitMarkdown(text, fits(DISCORD_MAX_CONTENT_LENGTH - MORE_MARK.length));
  if (parts.length === 0) return '…';
  const first = renderDiscordMarkdown(parts[0]!);
  return parts.length > 1 ? `${first}${MORE_MARK}` : first;
}

export interface ButtonComponent {
  type: 2;
  style: 2;
  custom_id: string;
  label: string;
}
export interface ActionRow {
  type: 1;
  components: ButtonComponent[];
}

/** Buttons in rows of five (at most five rows); the short opaque id is the custom_id, the label is plain text. */
export function buttonRows(buttons: readonly Button[]): ActionRow[] {
  const usable = buttons
    .filter((button) => button.id.length > 0 && button.id.length <= DISCORD_MAX_CUSTOM_ID_LENGTH)
    .slice(0, DISCORD_MAX_ACTION_ROWS * DISCORD_MAX_ROW_BUTTONS)
    .map((button): ButtonComponent => ({ type: 2, style: 2, custom_id: button.id, label: truncateUtf16(wellFormed(button.label).trim() || '…', DISCORD_MAX_BUTTON_LABEL_LENGTH) }));
  const rows: ActionRow[] = [];
  for (let i = 0; i < usable.length; i += DISCORD_MAX_ROW_BUTTONS) rows.push({ type: 1, components: usable.slice(i, i + DISCORD_MAX_ROW_BUTTONS) });
  return rows;
}

export interface ImageFile {
  name: string;
  data: Buffer;
  contentType: string;
  description: string;
}

/** A file a reply carries (a class quiz's results as CSV), as an attachment. */
export interface ReplyFile {
  name: string;
  data: Buffer;
  contentType: string;
  description?: undefined;
}

// Discord's upload limit for bots in servers without boosts (10 MiB); a results CSV is far smaller.
export const DISCORD_MAX_FILE_BYTES = 10 * 1024 * 1024;

export function replyFile(reply: Reply): ReplyFile | undefined {
  if (!reply.file) return undefined;
  const data = Buffer.from(reply.file.base64, 'base64');
  if (data.length > DISCORD_MAX_FILE_BYTES) return undefined;
  const name = reply.file.name.replace(/[^\w.-]/g, '_').slice(0, 100) || 'results.csv';
  return { name, data, contentType: reply.file.mime };
}

/** The reply's PNG (the attention heatmap) as a file to upload, with its alt text. */
export function imageFile(reply: Reply): ImageFile | undefined {
  if (!reply.image) return undefined;
  return {
    name: `${reply.command.replace(/[^a-z0-9-]/gi, '') || 'image'}.png`,
    data: Buffer.from(reply.image.base64, 'base64'),
    contentType: reply.image.mime,
    description: truncateUtf16(wellFormed(reply.image.alt), DISCORD_MAX_ALT_TEXT_LENGTH),
  };
}
