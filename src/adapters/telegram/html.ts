/**
 * The reply markdown subset (src/core/markdown.ts) as Telegram HTML: **bold** → <b>, *italic* → <i>, `code` → <code>,
 * fences → <pre>; everything else — user text, model text — is escaped, so it shows literally and can never break the
 * markup (Telegram answers 400 "can't parse entities" to one stray `<` or `&`).
 */
import { parseMarkdown, toPlainText, type Inline } from '../../core/markdown.js';
import { wellFormed } from '../../core/well-formed.js';
import { splitMarkdown } from '../chat/split.js';
import { truncateUtf16 } from '../chat/truncate.js';

/** sendMessage / editMessageText text, counted after entity parsing. */
export const TELEGRAM_MAX_MESSAGE_CHARS = 4096;
/** sendPhoto caption, counted after entity parsing. */
export const TELEGRAM_MAX_CAPTION_CHARS = 1024;

const TAGS: Record<Exclude<Inline['type'], 'text'>, string> = { bold: 'b', italic: 'i', code: 'code' };

/** Escaped, and well-formed: a lone surrogate (text cut inside an emoji) is not UTF-8; Telegram refuses the message. */
export function escapeHtml(text: string): string {
  return wellFormed(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown subset → Telegram HTML. */
export function toTelegramHtml(markdown: string): string {
  return parseMarkdown(markdown)
    .map((block) =>
      block.type === 'code'
        ? block.language === undefined
          ? `<pre>${escapeHtml(block.text)}</pre>`
          : `<pre><code class="language-${block.language}">${escapeHtml(block.text)}</code></pre>`
        : block.inlines.map((inline) => (inline.type === 'text' ? escapeHtml(inline.text) : `<${TAGS[inline.type]}>${escapeHtml(inline.text)}</${TAGS[inline.type]}>`)).join(''),
    )
    .join('\n');
}

/**
 * What Telegram counts against its limits: the text a reader sees once the HTML is parsed. Counted in UTF-16 units,
 * which is never less than Telegram's count in characters, so a part that fits here fits there.
 */
export function visibleLength(markdown: string): number {
  return wellFormed(toPlainText(markdown)).length;
}

/** True when Telegram would show nothing (it refuses an empty or all-blank text). */
export function isBlank(markdown: string): boolean {
  return toPlainText(markdown).trim() === '';
}

/** Splits a reply into message-sized parts at paragraph boundaries (shared splitter), each rendered to HTML. */
export function messageParts(markdown: string, limit = TELEGRAM_MAX_MESSAGE_CHARS): string[] {
  return splitMarkdown(markdown, (part) => visibleLength(part) <= limit)
    .filter((part) => !isBlank(part))
    .map(toTelegramHtml);
}

/** The longest start of `markdown` that fits in one message, rendered: what a streamed update can show. */
export function firstPart(markdown: string, limit = TELEGRAM_MAX_MESSAGE_CHARS): string | undefined {
  return messageParts(markdown, limit)[0];
}

/** answerCallbackQuery's text: plain (no markup), at most 200 characters. */
export const TELEGRAM_MAX_TOAST_CHARS = 200;

/**
 * A reply as a toast under a button: its plain text, whitespace folded, cut to fit with an ellipsis. Counted in
 * UTF-16 units (never less than Telegram's count), cut between characters, never inside an emoji.
 */
export function toastText(markdown: string): string {
  return truncateUtf16(wellFormed(toPlainText(markdown)).replace(/\s+/g, ' ').trim(), TELEGRAM_MAX_TOAST_CHARS);
}
