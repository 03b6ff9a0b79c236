/**
 * Streamed drafts as the fake Bot API keeps them (sendMessageDraft, Bot API 9.5): per private chat the draft shown
 * now and every version sent. A draft vanishes `ttlMs` after its last update (the client's ~30 s) or as soon as the
 * bot sends a message to the chat.
 */
import type { MessageEntity } from './html.js';

/** Telegram clients drop a draft about this long after its last update. */
export const DRAFT_TTL_MS = 30_000;

export interface DraftVersion {
  draftId: number;
  text: string;
  entities: MessageEntity[];
  /** When it arrived (ms, the fake's clock). */
  at: number;
}

export class DraftBoard {
  private readonly shown = new Map<number, DraftVersion>();
  private readonly sent = new Map<number, DraftVersion[]>();
  /** Per chat, when a draft vanished while the stream was still open (its TTL passed before the next version). */
  private readonly lapses = new Map<number, number[]>();

  constructor(
    private readonly now: () => number,
    readonly ttlMs: number = DRAFT_TTL_MS,
  ) {}

  put(chatId: number, version: Omit<DraftVersion, 'at'>): void {
    const at = this.now();
    const previous = this.current(chatId, at);
    const last = this.sent.get(chatId)?.at(-1);
    if (!previous && last && this.shown.has(chatId)) this.lapses.set(chatId, [...(this.lapses.get(chatId) ?? []), last.at + this.ttlMs]);
    const stored = { ...version, at };
    this.shown.set(chatId, stored);
    this.sent.set(chatId, [...(this.sent.get(chatId) ?? []), stored]);
  }

  /** The bot sent a message to the chat: its draft is gone. */
  clear(chatId: number): void {
    this.shown.delete(chatId);
  }

  /** The draft a student sees now in the chat, if any. */
  current(chatId: number, at = this.now()): DraftVersion | undefined {
    const draft = this.shown.get(chatId);
    return draft && at - draft.at < this.ttlMs ? draft : undefined;
  }

  /** Every draft version sent to the chat, oldest first. */
  versions(chatId: number): DraftVersion[] {
    return [...(this.sent.get(chatId) ?? [])];
  }

  /** When drafts vanished by expiry before a newer version came (the student saw nothing for a while). */
  expiries(chatId: number): number[] {
    return [...(this.lapses.get(chatId) ?? [])];
  }
}
