/**
 * Streamed drafts (Bot API 9.5 `sendMessageDraft`): in a private chat the client shows the text growing in an
 * ephemeral bubble, with no message in the history until the final is sent with sendMessage (which also clears the
 * draft). telegraf 4.16 predates the method: it is called through `callApi` with the parameters typed here.
 *
 * A client drops a draft about 30 s after its last update, so while a stream is open and no new text comes (a long
 * pause of the model, a place in line) the latest text is sent again every DRAFT_REFRESH_MS, at most
 * MAX_DRAFT_REFRESHES times in a row (a stream whose final never comes stops being refreshed).
 */
import { createHash } from 'node:crypto';
import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { telegramCode } from './errors.js';

/** The parameters of sendMessageDraft (core.telegram.org/bots/api#sendmessagedraft). */
export interface SendMessageDraftParams {
  /** A private chat only. */
  chat_id: number | string;
  /** Non-zero; updates with the same id animate one draft. */
  draft_id: number;
  /** 1–4,096 characters after entity parsing. */
  text: string;
  parse_mode?: 'HTML' | 'MarkdownV2' | 'Markdown';
  entities?: { type: string; offset: number; length: number }[];
  message_thread_id?: number;
}

/** Calls sendMessageDraft; resolves true, or rejects with telegraf's TelegramError as any other method does. */
export function sendMessageDraft(telegram: Telegram, params: SendMessageDraftParams): Promise<true> {
  // callApi is typed by telegraf's own method list, which lacks this one; the request itself is generic JSON.
  const callApi = telegram.callApi.bind(telegram) as unknown as (method: string, payload: SendMessageDraftParams) => Promise<true>;
  return callApi('sendMessageDraft', params);
}

/** Re-send an idle draft this often: the client drops it ~30 s after its last update. */
export const DRAFT_REFRESH_MS = 20_000;
/** Refreshes in a row without new text before the draft is left to vanish (10 minutes at DRAFT_REFRESH_MS). */
export const MAX_DRAFT_REFRESHES = 30;

const MAX_31_BIT = 0x7fff_ffff;

/**
 * The draft id of a reply: a stable hash of its correlation id, a positive 31-bit integer (never 0), so a replica
 * or a restarted process goes on animating the same draft.
 */
export function draftIdOf(correlationId: string): number {
  const id = createHash('sha256').update(correlationId).digest().readUInt32BE(0) & MAX_31_BIT;
  return id === 0 ? 1 : id;
}

/**
 * The server does not know the method: 404 ("Not Found: method not found", an older or self-hosted Bot API server),
 * or a 400 that names the method as unknown or unsupported. Other 400s (bad HTML, say) are about one draft only.
 */
export function isDraftRefusal(error: unknown): boolean {
  const code = telegramCode(error);
  if (code === 404) return true;
  const description = error instanceof TelegramError ? error.description : '';
  return code === 400 && /method|not supported|unsupported|not implemented/i.test(description);
}

interface Idle {
  timer: ReturnType<typeof setTimeout>;
}

/** Per open drafted stream, a timer that asks for a refresh after `everyMs` without new text. */
export class DraftRefresher {
  private readonly idle = new Map<string, Idle>();

  constructor(
    private readonly everyMs: number,
    private readonly maxRefreshes: number,
    private readonly refresh: (key: string, chatId: string) => void,
  ) {}

  /** New text for this reply arrived or was shown: idle time counts from now, and the refreshes allowed start over. */
  touch(key: string, chatId: string): void {
    this.arm(key, chatId, 0);
  }

  /** Renews the timer only for a stream already being refreshed (a delivery that has not been shown yet). */
  touchIfOpen(key: string, chatId: string): void {
    if (this.idle.has(key)) this.arm(key, chatId, 0);
  }

  stop(key: string): void {
    const entry = this.idle.get(key);
    if (entry) clearTimeout(entry.timer);
    this.idle.delete(key);
  }

  stopAll(): void {
    for (const key of [...this.idle.keys()]) this.stop(key);
  }

  /** Streams with a refresh timer (for tests and shutdown). */
  get active(): number {
    return this.idle.size;
  }

  private arm(key: string, chatId: string, refreshes: number): void {
    const previous = this.idle.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      if (refreshes + 1 > this.maxRefreshes) return this.stop(key);
      this.arm(key, chatId, refreshes + 1);
      this.refresh(key, chatId);
    }, this.everyMs);
    // A refresh is not a reason to keep the process alive.
    timer.unref();
    this.idle.set(key, { timer });
  }
}
