/**
 * Every message the bot sends or edits goes through here: HTML parse mode, no link previews, the send limiter, and
 * 429s honoured. Chat actions and callback answers are not messages and do not wait in line.
 */
import { TelegramError, type Telegram } from 'telegraf';
import type { Button } from '../../core/reply.js';
import { truncateChars } from '../chat/truncate.js';
import type { SendBudget } from '../chat/replica-state.js';
import { sendMessageDraft } from './drafts.js';
import { SendLimiter, TELEGRAM_SEND_LIMITS, type LimiterClock, type SendLimits } from './send-limiter.js';

/** Telegram's limit on callback_data; the tutor's button ids are far shorter (12 characters). */
const MAX_CALLBACK_DATA_BYTES = 64;
const SECOND_MS = 1_000;
// Longer labels are cut off on screen anyway.
const MAX_BUTTON_LABEL_CHARS = 64;

/** A button that runs a command on the server (callback_data) or opens a link (url). */
export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

/** A file to send (a class quiz's results as CSV). */
export interface OutgoingFile {
  name: string;
  bytes: Buffer;
}

export interface SenderOptions {
  limits?: SendLimits;
  /** Milliseconds per second of `retry_after` (tests shrink it). */
  retryAfterUnitMs?: number;
  clock?: LimiterClock;
  /** The send budget shared with other replicas of this bot (replica-state.ts). */
  budget?: SendBudget | undefined;
}

/** Where in the chat a message goes: quoting a message, with buttons, in a forum topic (`message_thread_id`). */
export interface SendExtra {
  replyTo?: number | undefined;
  keyboard?: InlineKeyboard | undefined;
  thread?: number | undefined;
}

export class TelegramSender {
  readonly limiter: SendLimiter;

  constructor(
    private readonly telegram: Telegram,
    options: SenderOptions = {},
  ) {
    const unitMs = options.retryAfterUnitMs ?? SECOND_MS;
    this.limiter = new SendLimiter(options.limits ?? TELEGRAM_SEND_LIMITS, (error) => floodWaitMs(error, unitMs), options.clock, options.budget);
  }

  async sendText(chatId: string, html: string, extra: SendExtra = {}): Promise<number> {
    const sent = await this.limiter.schedule(chatId, isGroupChat(chatId), () =>
      this.telegram.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...replyTo(extra.replyTo),
        ...(extra.thread !== undefined ? { message_thread_id: extra.thread } : {}),
        ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
      }),
    );
    return sent.message_id;
  }

  /**
   * Edits a message's text and buttons (Telegram removes the buttons of an edit without any); an edit that would
   * change nothing is not an error. `bestEffort`: a streamed update, which yields to messages (send-limiter.ts).
   */
  async editText(chatId: string, messageId: number, html: string, keyboard?: InlineKeyboard, options: { bestEffort?: boolean } = {}): Promise<void> {
    try {
      await this.limiter.schedule(
        chatId,
        isGroupChat(chatId),
        () =>
          this.telegram.editMessageText(chatId, messageId, undefined, html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(keyboard ? { reply_markup: keyboard } : {}),
          }),
        { deferrable: options.bestEffort === true },
      );
    } catch (error) {
      if (error instanceof TelegramError && /message is not modified/.test(error.description)) return;
      throw error;
    }
  }

  /**
   * Shows `html` as the chat's streamed draft (private chats only). It goes through the limiter like an edit: it
   * takes the chat's one-a-second slot and yields to messages (deferrable). Telegram answers draft floods with 429
   * as it does edits (bots streaming at ~3 drafts a second per chat report 429s), so drafts are not exempt.
   */
  async sendDraft(chatId: string, draftId: number, html: string): Promise<void> {
    await this.limiter.schedule(chatId, false, () => sendMessageDraft(this.telegram, { chat_id: chatId, draft_id: draftId, text: html, parse_mode: 'HTML' }), { deferrable: true });
  }

  async sendPhoto(chatId: string, png: Buffer, captionHtml: string, extra: SendExtra = {}): Promise<number> {
    const sent = await this.limiter.schedule(chatId, isGroupChat(chatId), () =>
      this.telegram.sendPhoto(chatId, { source: png, filename: 'attention.png' }, {
        caption: captionHtml,
        parse_mode: 'HTML',
        ...replyTo(extra.replyTo),
        ...(extra.thread !== undefined ? { message_thread_id: extra.thread } : {}),
        ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
      }),
    );
    return sent.message_id;
  }

  /** A file as a document (multipart upload); the caption, when given, is HTML of at most 1,024 visible characters. */
  async sendDocument(chatId: string, file: OutgoingFile, captionHtml: string | undefined, extra: SendExtra = {}): Promise<number> {
    const sent = await this.limiter.schedule(chatId, isGroupChat(chatId), () =>
      this.telegram.sendDocument(chatId, { source: file.bytes, filename: file.name }, {
        ...(captionHtml ? { caption: captionHtml, parse_mode: 'HTML' as const } : {}),
        ...replyTo(extra.replyTo),
        ...(extra.thread !== undefined ? { message_thread_id: extra.thread } : {}),
        ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
      }),
    );
    return sent.message_id;
  }

  /** "typing…" for about five seconds or until the next message; best effort. */
  async typing(chatId: string): Promise<void> {
    await this.telegram.sendChatAction(chatId, 'typing');
  }

  /**
   * Stops the button's spinner, with a toast for the presser alone when `text` is given (plain text, ≤ 200 chars);
   * best effort (a query older than a few minutes cannot be answered). Not a message: it does not wait in line.
   */
  async answerButton(queryId: string, text?: string): Promise<void> {
    await this.telegram.answerCbQuery(queryId, text);
  }
}

/** Buttons as an inline keyboard, one per row; callback_data is the short opaque id, resolved on the server. */
export function keyboardOf(buttons: readonly Button[]): InlineKeyboard | undefined {
  const usable = buttons.filter((button) => button.label.trim() !== '' && Buffer.byteLength(button.id) <= MAX_CALLBACK_DATA_BYTES && button.id !== '');
  if (usable.length === 0) return undefined;
  return { inline_keyboard: usable.map((button) => [{ text: truncateChars(button.label, MAX_BUTTON_LABEL_CHARS, ''), callback_data: button.id }]) };
}

/** Telegram group and supergroup ids are negative; users' private chats positive. */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith('-');
}

function replyTo(messageId: number | undefined) {
  // A reply threads the answer to the question in a busy group; the answer still goes out if the question was deleted.
  return messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}

function floodWaitMs(error: unknown, unitMs: number): number | undefined {
  if (!(error instanceof TelegramError) || error.code !== 429) return undefined;
  const seconds = error.parameters?.retry_after;
  return (typeof seconds === 'number' && seconds > 0 ? seconds : 1) * unitMs;
}
