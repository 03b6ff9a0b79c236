/**
 * Deliveries → Telegram messages. Streamed updates are paced by the shared StreamThrottle (≥ 1.1 s apart in private
 * chats, ≥ 3.1 s in groups, which also keeps a group under 20 messages a minute). In a private chat they are shown
 * as a draft (drafts.ts) and only the final becomes a message; in groups, and wherever the server refuses drafts
 * (remembered for the process), they edit one message. The final reply
 * always goes out: split at 4,096 characters, buttons under its last part, an image as a photo and a file as a
 * document with the text as caption when it fits. Updates keep their buttons on every edit (a live quiz question);
 * a final without buttons removes them. A reply meant for the asker privately goes to their private chat, or — when
 * they never started the bot — becomes a link in the group that opens the bot with /start <param>.
 * A final that fails half-way is retried from the part that failed, never sending a part twice.
 */
import { chatSpokenAs } from '../../core/chat-identity.js';
import { updateOrder, type Delivery } from '../../core/delivery.js';
import type { LessonContext } from '../../core/followup/context.js';
import type { Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import type { StreamLedger } from '../chat/replica-state.js';
import { StreamThrottle, SYSTEM_CLOCK, type ThrottleClock } from '../chat/stream-throttle.js';
import { truncateChars } from '../chat/truncate.js';
import { DRAFT_REFRESH_MS, DraftRefresher, draftIdOf, isDraftRefusal, MAX_DRAFT_REFRESHES } from './drafts.js';
import { describeTelegramError, telegramCode } from './errors.js';
import { escapeHtml, firstPart, isBlank, messageParts, TELEGRAM_MAX_CAPTION_CHARS, toTelegramHtml, visibleLength } from './html.js';
import { topicOf } from './topics.js';
import { isGroupChat, keyboardOf, type InlineKeyboard, type OutgoingFile, type TelegramSender } from './sender.js';

/** Telegram allows about one edit a second in a private chat and 20 messages a minute in a group: stay just under. */
export const PRIVATE_EDIT_INTERVAL_MS = 1_100;
export const GROUP_EDIT_INTERVAL_MS = 3_100;

export interface ReplyPacing {
  privateEditIntervalMs?: number;
  groupEditIntervalMs?: number;
  clock?: ThrottleClock;
  /** Streams shared with other replicas of this bot (replica-state.ts). */
  ledger?: StreamLedger | undefined;
  /** Streamed drafts in private chats (default on); off: paced edits everywhere. */
  drafts?: boolean;
  /** How long a draft may stay without new text before it is sent again (ms; tests shrink it). */
  draftRefreshMs?: number;
  maxDraftRefreshes?: number;
}

type Step =
  | { kind: 'edit'; chatId: string; html: string; keyboard?: InlineKeyboard | undefined }
  | { kind: 'text'; chatId: string; html: string; keyboard?: InlineKeyboard | undefined; replyTo?: number | undefined; thread?: number | undefined }
  | { kind: 'photo'; chatId: string; png: Buffer; captionHtml: string; keyboard?: InlineKeyboard | undefined; replyTo?: number | undefined; thread?: number | undefined }
  | { kind: 'document'; chatId: string; file: OutgoingFile; captionHtml?: string | undefined; keyboard?: InlineKeyboard | undefined; replyTo?: number | undefined; thread?: number | undefined };

/** One reply's messages: the streamed message, and the final's steps with how many are done. */
interface StreamState {
  messageId?: number;
  shownHtml?: string;
  /** The keyboard the streamed message shows (keyboardKey), so an edit that only removes buttons is not skipped. */
  shownKeyboard?: string;
  plan?: Step[];
  done: number;
  /** A reply meant for a private chat: what to do instead if Telegram refuses it (403) before anything went out. */
  fallback?: Step[] | undefined;
  /** The private chat refused and the fallback is the plan (a replica resuming the final plans it again). */
  fellBack?: boolean;
  /** The stream is shown as a draft (no message until the final), last sent at `draftAt` (ms since the epoch). */
  drafted?: boolean;
  draftAt?: number;
}

/** What another replica needs to go on with a stream: the plan is made again from the delivery (same steps). */
function encodeStream(state: unknown): unknown {
  if (state === undefined) return undefined;
  const { messageId, shownHtml, shownKeyboard, done, fellBack, drafted, draftAt } = state as StreamState;
  return { messageId, shownHtml, shownKeyboard, done, fellBack, drafted, draftAt };
}

function decodeStream(stored: unknown): StreamState | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const raw = stored as Record<string, unknown>;
  return {
    ...(typeof raw['messageId'] === 'number' ? { messageId: raw['messageId'] } : {}),
    ...(typeof raw['shownHtml'] === 'string' ? { shownHtml: raw['shownHtml'] } : {}),
    ...(typeof raw['shownKeyboard'] === 'string' ? { shownKeyboard: raw['shownKeyboard'] } : {}),
    done: typeof raw['done'] === 'number' ? raw['done'] : 0,
    ...(raw['fellBack'] === true ? { fellBack: true } : {}),
    ...(raw['drafted'] === true ? { drafted: true } : {}),
    ...(typeof raw['draftAt'] === 'number' ? { draftAt: raw['draftAt'] } : {}),
  };
}

/** What the bot's username is (for t.me links): known after start(), asked of Telegram otherwise. */
export type BotUsername = () => Promise<string>;

export class ReplyRenderer {
  private readonly throttle: StreamThrottle<StreamState>;
  /** Finals in progress, so a retry after a failed part resumes there even when no update came before it. */
  private readonly finals = new Map<string, StreamState>();
  private readonly privateMs: number;
  private readonly groupMs: number;
  private readonly clock: ThrottleClock;
  private readonly refresher: DraftRefresher;
  private readonly draftRefreshMs: number;
  /** Drafts are off, or the server refused the method once: every stream of this process edits instead. */
  private draftsOff: boolean;

  constructor(
    private readonly sender: TelegramSender,
    private readonly logger: Logger,
    pacing: ReplyPacing = {},
    /** Called once a reply has put its first message in the chat (the typing indicator can stop). */
    private readonly onFirstMessage: (correlationId: string) => void = () => undefined,
    private readonly botUsername: BotUsername = () => Promise.reject(new Error('bot username unknown')),
    /** A message of a reply that can be followed up was sent: its context is kept for a reply to it. */
    private readonly onLessonSent: (chatId: string, messageId: number, context: LessonContext) => Promise<void> = () => Promise.resolve(),
  ) {
    this.privateMs = pacing.privateEditIntervalMs ?? PRIVATE_EDIT_INTERVAL_MS;
    this.groupMs = pacing.groupEditIntervalMs ?? GROUP_EDIT_INTERVAL_MS;
    this.clock = pacing.clock ?? SYSTEM_CLOCK;
    this.draftsOff = pacing.drafts === false;
    this.draftRefreshMs = pacing.draftRefreshMs ?? DRAFT_REFRESH_MS;
    this.refresher = new DraftRefresher(this.draftRefreshMs, pacing.maxDraftRefreshes ?? MAX_DRAFT_REFRESHES, (key, chatId) => this.refreshDraft(key, chatId));
    this.throttle = new StreamThrottle<StreamState>({
      ...(pacing.clock ? { clock: pacing.clock } : {}),
      ...(pacing.ledger ? { ledger: pacing.ledger, encode: encodeStream, decode: decodeStream } : {}),
      onUpdateError: (error, key) => this.logger.warn({ err: error, correlationId: key }, 'telegram: streamed update not shown'),
    });
  }

  /** Renders a delivery; rejects when the final could not be sent (the outbox retries it). */
  render(delivery: Delivery): Promise<void> {
    const { chatId, correlationId } = delivery.address;
    const group = isGroupChat(chatId);
    const intervalMs = group ? this.groupMs : this.privateMs;
    const replyTo = quotedMessage(delivery);
    const thread = topicOf(delivery);
    // New text is on its way: an idle-draft refresh must not supersede it.
    if (!delivery.final && !group) this.refresher.touchIfOpen(correlationId, chatId);
    if (delivery.final) this.refresher.stop(correlationId);
    if (!delivery.final) return this.throttle.update(correlationId, intervalMs, (state) => this.showUpdate(state, chatId, correlationId, delivery.reply, replyTo, thread), updateOrder(delivery));
    return this.throttle.final(correlationId, intervalMs, (state) => this.sendFinal(state, delivery, replyTo, thread));
  }

  get activeStreams(): number {
    return this.throttle.active;
  }

  /** No more draft refreshes (the adapter stops). */
  close(): void {
    this.refresher.stopAll();
  }

  /** Whether streamed updates in private chats go out as drafts (false once the server refused the method). */
  get drafting(): boolean {
    return !this.draftsOff;
  }

  /**
   * A streamed update edits one message: its first part, with the update's buttons (a class quiz question keeps its
   * answer buttons under a live "12 answered" line). Skipped when it would show exactly what is shown.
   */
  private async showUpdate(state: StreamState | undefined, chatId: string, correlationId: string, reply: Reply, replyTo: number | undefined, thread: number | undefined): Promise<StreamState> {
    const stream = state ?? { done: 0 };
    const html = firstPart(reply.text);
    const keyboard = keyboardOf(reply.buttons);
    if (html === undefined || (html === stream.shownHtml && keyboardKey(keyboard) === (stream.shownKeyboard ?? ''))) return stream;
    // A draft cannot carry buttons: a stream whose first update has some is edited (drafted ones keep drafting).
    const draft = stream.messageId === undefined && !isGroupChat(chatId) && !this.draftsOff && (stream.drafted === true || (stream.shownHtml === undefined && keyboard === undefined));
    if (draft && (await this.showDraft(stream, chatId, correlationId, html))) {
      stream.shownHtml = html;
      stream.shownKeyboard = keyboardKey(keyboard);
      return stream;
    }
    if (stream.messageId === undefined) {
      stream.messageId = await this.sender.sendText(chatId, html, { replyTo, keyboard, thread });
      this.onFirstMessage(correlationId);
    } else {
      await this.sender.editText(chatId, stream.messageId, html, keyboard, { bestEffort: true });
    }
    stream.shownHtml = html;
    stream.shownKeyboard = keyboardKey(keyboard);
    return stream;
  }

  /** Shows the update as the reply's draft; false when the server refused the method (the caller edits instead). */
  private async showDraft(stream: StreamState, chatId: string, correlationId: string, html: string): Promise<boolean> {
    try {
      await this.sender.sendDraft(chatId, draftIdOf(correlationId), html);
    } catch (error) {
      if (!isDraftRefusal(error)) throw error;
      if (!this.draftsOff) this.logger.warn({ reason: describeTelegramError(error) }, 'telegram: sendMessageDraft refused; streaming by paced edits instead');
      this.draftsOff = true;
      return false;
    }
    if (!stream.drafted) this.onFirstMessage(correlationId);
    stream.drafted = true;
    stream.draftAt = this.clock.now();
    this.refresher.touch(correlationId, chatId);
    return true;
  }

  /** No new text for a while: the latest draft is sent again before the client drops it, through the stream's pace. */
  private refreshDraft(key: string, chatId: string): void {
    let ran = false;
    const step = async (state: StreamState | undefined): Promise<StreamState | undefined> => {
      ran = true;
      if (!state?.drafted || state.messageId !== undefined || state.shownHtml === undefined || this.draftsOff) return state;
      // Another replica showed or refreshed it meanwhile.
      if (this.clock.now() - (state.draftAt ?? 0) < this.draftRefreshMs / 2) return state;
      await this.sender.sendDraft(chatId, draftIdOf(key), state.shownHtml);
      state.draftAt = this.clock.now();
      return state;
    };
    // Not run: the reply is finished (here or on another replica) or newer text superseded it (which re-arms).
    void this.throttle.update(key, this.privateMs, step).then(() => {
      if (!ran) this.refresher.stop(key);
    });
  }

  private async sendFinal(state: StreamState | undefined, delivery: Delivery, replyTo: number | undefined, thread: number | undefined): Promise<StreamState> {
    const { chatId, userId, correlationId } = delivery.address;
    const reply = delivery.reply;
    const stream = state ?? this.finals.get(correlationId) ?? { done: 0 };
    remember(this.finals, correlationId, stream);
    if (!stream.plan) {
      const privately = reply.directMessage && chatId !== userId ? reply.directMessage : undefined;
      if (privately) {
        // To the asker in private; a person who never started the bot cannot be written to: then a link in the chat.
        stream.plan = planFinal(reply, keyboardOf(reply.buttons), { done: 0 }, undefined, userId);
        stream.fallback = planFinal({ text: privately.fallbackText }, await this.startLink(privately), stream, replyTo, chatId, thread);
        // Asked as a chat (an anonymous admin): it has no private chat, so the fallback at once (Telegram would refuse
        // the id with a 400, not the 403 that means "never started the bot").
        if (stream.fellBack || chatSpokenAs(userId) !== undefined) {
          stream.plan = stream.fallback;
          stream.fallback = undefined;
        }
      } else {
        stream.plan = planFinal(reply, keyboardOf(reply.buttons), stream, replyTo, chatId, thread);
      }
    }
    while (stream.done < stream.plan.length) {
      try {
        const step = stream.plan[stream.done]!;
        const sent = await this.perform(step, stream);
        // A lesson's every message can be replied to with a follow-up (a long one is split in several).
        if (sent !== undefined && reply.followUp) await this.onLessonSent(step.chatId, sent, reply.followUp);
      } catch (error) {
        if (stream.fallback && stream.done === 0 && isForbidden(error)) {
          this.logger.info({ correlationId }, 'telegram: private chat refused; posting the start link instead');
          stream.plan = stream.fallback;
          stream.fallback = undefined;
          stream.fellBack = true;
          continue;
        }
        throw error;
      }
      if (stream.done === 0) this.onFirstMessage(correlationId);
      stream.done += 1;
    }
    this.finals.delete(correlationId);
    return stream;
  }

  /** Sends or edits one message of a final; its message id. */
  private async perform(step: Step, stream: StreamState): Promise<number | undefined> {
    if (step.kind === 'edit') {
      await this.sender.editText(step.chatId, stream.messageId!, step.html, step.keyboard);
      return stream.messageId;
    }
    if (step.kind === 'text') return this.sender.sendText(step.chatId, step.html, { replyTo: step.replyTo, keyboard: step.keyboard, thread: step.thread });
    if (step.kind === 'photo') return this.sender.sendPhoto(step.chatId, step.png, step.captionHtml, { replyTo: step.replyTo, keyboard: step.keyboard, thread: step.thread });
    await this.sender.sendDocument(step.chatId, step.file, step.captionHtml, { replyTo: step.replyTo, keyboard: step.keyboard, thread: step.thread });
    return undefined;
  }

  /** A URL button opening the bot in private with `/start <param>` (which sends the reply again there). */
  private async startLink(privately: NonNullable<Reply['directMessage']>): Promise<InlineKeyboard | undefined> {
    if (!START_PARAM.test(privately.startParam) || privately.linkLabel.trim() === '') return undefined;
    const username = await this.botUsername();
    const label = truncateChars(privately.linkLabel, MAX_BUTTON_LABEL_CHARS, '');
    return { inline_keyboard: [[{ text: label, url: `https://t.me/${encodeURIComponent(username)}?start=${privately.startParam}` }]] };
  }
}

/** Telegram's deep-link parameter: 1–64 of A–Z, a–z, 0–9, _ and -. */
const START_PARAM = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BUTTON_LABEL_CHARS = 64;

/**
 * The messages of a final reply. Text: its parts, the first one replacing the streamed message if there is one
 * (skipped when it already shows exactly that, buttons included), buttons under the last message. With an image or
 * a file: one photo / document whose caption is the text when it fits in 1,024 characters; otherwise a photo
 * captioned with its description before the text, or the text then the document.
 */
function planFinal(reply: Pick<Reply, 'text' | 'image' | 'file'>, keyboard: InlineKeyboard | undefined, stream: StreamState, replyTo: number | undefined, chatId: string, thread?: number): Step[] {
  const image = reply.image ? Buffer.from(reply.image.base64, 'base64') : undefined;
  const file = reply.file ? { name: reply.file.name, bytes: Buffer.from(reply.file.base64, 'base64') } : undefined;
  const captionFits = stream.messageId === undefined && visibleLength(reply.text) <= TELEGRAM_MAX_CAPTION_CHARS;
  const caption = isBlank(reply.text) ? undefined : toTelegramHtml(reply.text);
  if (image && !file && captionFits) return [{ kind: 'photo', chatId, png: image, captionHtml: caption ?? '', keyboard, replyTo, thread }];
  if (file && !image && captionFits) return [{ kind: 'document', chatId, file, captionHtml: caption, keyboard, replyTo, thread }];
  const steps: Step[] = [];
  if (image) steps.push({ kind: 'photo', chatId, png: image, captionHtml: captionOf(reply.image!.alt), replyTo, thread });
  messageParts(reply.text).forEach((html, index) => {
    if (index === 0 && stream.messageId !== undefined) steps.push({ kind: 'edit', chatId, html });
    else steps.push({ kind: 'text', chatId, html, replyTo: steps.length === 0 ? replyTo : undefined, thread });
  });
  if (file) steps.push({ kind: 'document', chatId, file, replyTo: steps.length === 0 ? replyTo : undefined, thread });
  const last = steps.at(-1);
  if (last) last.keyboard = keyboard;
  // An edit that would show what the message already shows is skipped (Telegram refuses it) — unless its buttons
  // change: a closed quiz question's final removes the answer buttons its updates showed.
  const first = steps[0];
  if (first?.kind === 'edit' && first.html === stream.shownHtml && keyboardKey(first.keyboard) === (stream.shownKeyboard ?? '')) steps.shift();
  return steps;
}

function keyboardKey(keyboard: InlineKeyboard | undefined): string {
  return keyboard ? JSON.stringify(keyboard) : '';
}

/**
 * The message a reply quotes: the command it answers (route.reply), but only for that command's own replies —
 * messages a class quiz posts later under new correlation ids carry the same route and must not quote the command.
 */
function quotedMessage(delivery: Delivery): number | undefined {
  const route = delivery.address.route;
  const quoteFor = route?.['quote'];
  if (quoteFor !== undefined && quoteFor !== delivery.address.correlationId) return undefined;
  return messageIdOf(route?.['reply']);
}

function isForbidden(error: unknown): boolean {
  return telegramCode(error) === 403;
}

// Finals that failed for good are forgotten oldest first beyond this many.
const MAX_FINALS_IN_PROGRESS = 10_000;

function remember(finals: Map<string, StreamState>, key: string, state: StreamState): void {
  finals.set(key, state);
  if (finals.size > MAX_FINALS_IN_PROGRESS) finals.delete(finals.keys().next().value!);
}

function captionOf(alt: string): string {
  return escapeHtml(truncateChars(alt, TELEGRAM_MAX_CAPTION_CHARS));
}

function messageIdOf(raw: string | undefined): number | undefined {
  const id = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
