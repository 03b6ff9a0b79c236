/**
 * Deliveries → Telegram messages. Streamed updates edit one message, paced by the shared StreamThrottle (≥ 1.1 s
 * apart in private chats, ≥ 3.1 s in groups, which also keeps a group under 20 messages a minute); the final reply
 * always goes out: split at 4,096 characters, buttons under its last part, an image as a photo with a caption.
 * A final that fails half-way is retried from the part that failed, never sending a part twice.
 */
import type { Delivery } from '../../core/delivery.js';
import type { Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import { StreamThrottle, type ThrottleClock } from '../chat/stream-throttle.js';
import { escapeHtml, firstPart, messageParts, TELEGRAM_MAX_CAPTION_CHARS, toTelegramHtml, visibleLength } from './html.js';
import { isGroupChat, keyboardOf, type InlineKeyboard, type TelegramSender } from './sender.js';

/** Telegram allows about one edit a second in a private chat and 20 messages a minute in a group: stay just under. */
export const PRIVATE_EDIT_INTERVAL_MS = 1_100;
export const GROUP_EDIT_INTERVAL_MS = 3_100;

export interface ReplyPacing {
  privateEditIntervalMs?: number;
  groupEditIntervalMs?: number;
  clock?: ThrottleClock;
}

type Step =
  | { kind: 'edit'; html: string; keyboard?: InlineKeyboard | undefined }
  | { kind: 'text'; html: string; keyboard?: InlineKeyboard | undefined; replyTo?: number | undefined }
  | { kind: 'photo'; png: Buffer; captionHtml: string; keyboard?: InlineKeyboard | undefined; replyTo?: number | undefined };

/** One reply's messages: the streamed message, and the final's steps with how many are done. */
interface StreamState {
  messageId?: number;
  shownHtml?: string;
  plan?: Step[];
  done: number;
}

export class ReplyRenderer {
  private readonly throttle: StreamThrottle<StreamState>;
  /** Finals in progress, so a retry after a failed part resumes there even when no update came before it. */
  private readonly finals = new Map<string, StreamState>();
  private readonly privateMs: number;
  private readonly groupMs: number;

  constructor(
    private readonly sender: TelegramSender,
    private readonly logger: Logger,
    pacing: ReplyPacing = {},
    /** Called once a reply has put its first message in the chat (the typing indicator can stop). */
    private readonly onFirstMessage: (correlationId: string) => void = () => undefined,
  ) {
    this.privateMs = pacing.privateEditIntervalMs ?? PRIVATE_EDIT_INTERVAL_MS;
    this.groupMs = pacing.groupEditIntervalMs ?? GROUP_EDIT_INTERVAL_MS;
    this.throttle = new StreamThrottle<StreamState>({
      ...(pacing.clock ? { clock: pacing.clock } : {}),
      onUpdateError: (error, key) => this.logger.warn({ err: error, correlationId: key }, 'telegram: streamed update not shown'),
    });
  }

  /** Renders a delivery; rejects when the final could not be sent (the outbox retries it). */
  render(delivery: Delivery): Promise<void> {
    const { chatId, correlationId } = delivery.address;
    const intervalMs = isGroupChat(chatId) ? this.groupMs : this.privateMs;
    const replyTo = messageIdOf(delivery.address.route?.['reply']);
    if (!delivery.final) return this.throttle.update(correlationId, intervalMs, (state) => this.showUpdate(state, chatId, correlationId, delivery.reply, replyTo));
    return this.throttle.final(correlationId, intervalMs, (state) => this.sendFinal(state, chatId, correlationId, delivery.reply, replyTo));
  }

  get activeStreams(): number {
    return this.throttle.active;
  }

  private async showUpdate(state: StreamState | undefined, chatId: string, correlationId: string, reply: Reply, replyTo: number | undefined): Promise<StreamState> {
    const stream = state ?? { done: 0 };
    const html = firstPart(reply.text);
    if (html === undefined || html === stream.shownHtml) return stream;
    if (stream.messageId === undefined) {
      stream.messageId = await this.sender.sendText(chatId, html, { replyTo });
      this.onFirstMessage(correlationId);
    } else {
      await this.sender.editText(chatId, stream.messageId, html);
    }
    stream.shownHtml = html;
    return stream;
  }

  private async sendFinal(state: StreamState | undefined, chatId: string, correlationId: string, reply: Reply, replyTo: number | undefined): Promise<StreamState> {
    const stream = state ?? this.finals.get(correlationId) ?? { done: 0 };
    remember(this.finals, correlationId, stream);
    stream.plan ??= planFinal(reply, stream, replyTo);
    for (; stream.done < stream.plan.length; stream.done++) {
      const step = stream.plan[stream.done]!;
      if (step.kind === 'edit') await this.sender.editText(chatId, stream.messageId!, step.html, step.keyboard);
      else if (step.kind === 'text') await this.sender.sendText(chatId, step.html, { replyTo: step.replyTo, keyboard: step.keyboard });
      else await this.sender.sendPhoto(chatId, step.png, step.captionHtml, { replyTo: step.replyTo, keyboard: step.keyboard });
      if (stream.done === 0) this.onFirstMessage(correlationId);
    }
    this.finals.delete(correlationId);
    return stream;
  }
}

/**
 * The messages of a final reply. Text: its parts, the first one replacing the streamed message if there is one
 * (skipped when it already shows exactly that), buttons under the last. With an image: one photo whose caption is
 * the text when it fits in 1,024 characters; otherwise the photo captioned with its description, then the text.
 */
function planFinal(reply: Reply, stream: StreamState, replyTo: number | undefined): Step[] {
  const keyboard = keyboardOf(reply.buttons);
  const image = reply.image ? Buffer.from(reply.image.base64, 'base64') : undefined;
  if (image && stream.messageId === undefined && visibleLength(reply.text) <= TELEGRAM_MAX_CAPTION_CHARS) {
    return [{ kind: 'photo', png: image, captionHtml: toTelegramHtml(reply.text), keyboard, replyTo }];
  }
  const steps: Step[] = [];
  if (image) steps.push({ kind: 'photo', png: image, captionHtml: captionOf(reply.image!.alt), replyTo });
  const parts = messageParts(reply.text);
  parts.forEach((html, index) => {
    const stepKeyboard = index === parts.length - 1 ? keyboard : undefined;
    if (index === 0 && stream.messageId !== undefined) {
      // An edit that would show what the message already shows is skipped (Telegram refuses it).
      if (html !== stream.shownHtml || stepKeyboard) steps.push({ kind: 'edit', html, keyboard: stepKeyboard });
    } else {
      steps.push({ kind: 'text', html, keyboard: stepKeyboard, replyTo: steps.length === 0 ? replyTo : undefined });
    }
  });
  // A photo with no text after it carries the buttons itself.
  const last = steps.at(-1);
  if (last?.kind === 'photo') last.keyboard = keyboard;
  return steps;
}

// Finals that failed for good are forgotten oldest first beyond this many.
const MAX_FINALS_IN_PROGRESS = 10_000;

function remember(finals: Map<string, StreamState>, key: string, state: StreamState): void {
  finals.set(key, state);
  if (finals.size > MAX_FINALS_IN_PROGRESS) finals.delete(finals.keys().next().value!);
}

function captionOf(alt: string): string {
  const chars = [...alt];
  const short = chars.length > TELEGRAM_MAX_CAPTION_CHARS ? `${chars.slice(0, TELEGRAM_MAX_CAPTION_CHARS - 1).join('')}…` : alt;
  return escapeHtml(short);
}

function messageIdOf(raw: string | undefined): number | undefined {
  const id = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
