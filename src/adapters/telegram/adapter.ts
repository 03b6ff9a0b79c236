/**
 * The tutor on Telegram (telegraf): long polling by default, a webhook when configured. Updates become invocations
 * (incoming.ts decides which ones); the tutor queues them; replies come back as outbox deliveries (`deliver`) and are
 * rendered by replies.ts through the send limiter. The update handler never waits for a send, so a slow chat
 * cannot hold up the polling loop.
 */
import { randomUUID } from 'node:crypto';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Delivery } from '../../core/delivery.js';
import type { ChatRef } from '../../core/invocation.js';
import type { Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import type { Asker, Tutor, TypedInvocation } from '../../core/tutor.js';
import { GroupAdmins } from './admins.js';
import { chatKind, chatRef, lineFor, userRef, type BotIdentity, type IncomingText } from './incoming.js';
import { registerMenus } from './menus.js';
import { ReplyRenderer, type ReplyPacing } from './replies.js';
import { TelegramSender, type SenderOptions } from './sender.js';
import { TypingIndicators, type TypingOptions } from './typing.js';

/** The outbox the Telegram adapter reads (runtime.serve('telegram', TELEGRAM_OUTBOX, …)). */
export const TELEGRAM_OUTBOX = 'outbox-telegram';
/** How long stop() waits for messages still in line. */
const STOP_DRAIN_MS = 5_000;

export interface TelegramWebhook {
  /** The public https URL Telegram posts to (TELEGRAM_WEBHOOK_URL); its path is the path served. */
  url: string;
  /** Sent by Telegram with every request and checked on every request (TELEGRAM_WEBHOOK_SECRET). */
  secret: string;
  /** The local port (TELEGRAM_WEBHOOK_PORT) and interface (default: all) to listen on. */
  port: number;
  host?: string;
}

export interface TelegramAdapterOptions {
  token: string;
  /** A self-hosted Bot API server (TELEGRAM_API_ROOT); default api.telegram.org. */
  apiRoot?: string | undefined;
  /** Webhook mode; without it, long polling. */
  webhook?: TelegramWebhook | undefined;
  logger: Logger;
  pacing?: ReplyPacing;
  sending?: SenderOptions;
  typing?: TypingOptions;
  /** How long a group admin check is remembered (ms). */
  adminCacheMs?: number;
}

export class TelegramAdapter {
  private readonly bot: Telegraf;
  private readonly sender: TelegramSender;
  private readonly renderer: ReplyRenderer;
  private readonly typing: TypingIndicators;
  private readonly admins: GroupAdmins;
  private identity: BotIdentity | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: TelegramAdapterOptions,
  ) {
    // webhookReply off: every call goes to the API, so its errors are seen and its result (message ids) returned.
    this.bot = new Telegraf(options.token, { telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
    this.sender = new TelegramSender(this.bot.telegram, options.sending);
    this.typing = new TypingIndicators((chatId) => this.sender.typing(chatId), options.typing);
    this.renderer = new ReplyRenderer(this.sender, options.logger, options.pacing, (key) => this.typing.stop(key));
    this.admins = new GroupAdmins(this.bot.telegram, options.adminCacheMs);
    this.bot.on(message('text'), (ctx) => this.onText(ctx.message));
    this.bot.on('callback_query', (ctx) => this.onButton(ctx.callbackQuery));
    // One bad update must never stop the polling loop (telegraf's default handler rethrows).
    this.bot.catch((error) => this.options.logger.error({ err: error }, 'telegram: update failed'));
  }

  /** Registers the menus and starts receiving updates; resolves once the bot is listening. */
  async start(): Promise<void> {
    const me = await this.bot.telegram.getMe();
    this.bot.botInfo = me;
    this.identity = { id: me.id, username: me.username };
    await registerMenus(this.bot.telegram, this.tutor.commands).catch((error: unknown) => this.options.logger.warn({ err: error }, 'telegram: command menus not set'));
    const webhook = this.options.webhook;
    if (webhook) {
      const url = new URL(webhook.url);
      await this.bot.launch({ webhook: { domain: url.host, path: url.pathname, port: webhook.port, host: webhook.host, secretToken: webhook.secret } });
      this.options.logger.info({ bot: me.username, mode: 'webhook', port: webhook.port }, 'telegram: listening');
      return;
    }
    this.polling = this.bot.launch().catch((error: unknown) => this.options.logger.error({ err: error }, 'telegram: polling stopped'));
    this.options.logger.info({ bot: me.username, mode: 'polling' }, 'telegram: listening');
  }

  async stop(): Promise<void> {
    try {
      this.bot.stop('shutdown');
    } catch {
      // never started
    }
    await this.polling;
    this.typing.stopAll();
    const deadline = Date.now() + STOP_DRAIN_MS;
    while (this.sender.limiter.pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** The outbox handler: renders a reply or a streamed update; throws when a final could not be sent (retried). */
  async deliver(delivery: Delivery): Promise<void> {
    if (delivery.final) this.typing.stop(delivery.address.correlationId);
    try {
      await this.renderer.render(delivery);
    } catch (error) {
      this.options.logger.warn({ err: error, correlationId: delivery.address.correlationId }, 'telegram: reply not sent');
      if (isPermanent(error)) return;
      throw error;
    }
  }

  private async onText(incoming: IncomingText): Promise<void> {
    if (!this.identity) return;
    const line = lineFor(incoming, this.identity, (name) => this.tutor.commands.some((command) => command.name === name.toLowerCase()));
    const kind = chatKind(incoming.chat.type);
    if (line === undefined || !kind || !incoming.from) return;
    const asker: Asker = { user: userRef(incoming.from), chat: chatRef(incoming.chat, kind), platform: 'telegram' };
    // In a group the answer quotes the question (many people talk at once); a private chat needs no quoting.
    await this.run(this.tutor.readText(line, asker), kind === 'group' ? incoming.message_id : undefined);
  }

  private async onButton(query: { id: string; data?: string; from: NonNullable<IncomingText['from']>; message?: { message_id: number; chat: IncomingText['chat'] } }): Promise<void> {
    void this.sender.answerButton(query.id).catch(() => undefined);
    const kind = query.message ? chatKind(query.message.chat.type) : undefined;
    if (!query.message || !kind || typeof query.data !== 'string') return;
    const chat: ChatRef = chatRef(query.message.chat, kind);
    const pressed = await this.tutor.readButton({ buttonId: query.data, user: userRef(query.from), chat, platform: 'telegram' });
    if ('reply' in pressed) return this.sendNow(chat.id, query.from.id, pressed.reply, undefined);
    await this.run(pressed, undefined);
  }

  /** Dispatches an invocation; an immediate answer (an error, a limit) is sent now, a queued one shows "typing…". */
  private async run(typed: TypedInvocation, replyTo: number | undefined): Promise<void> {
    const invocation = await this.withAdminRight(typed);
    const route = routeFor(replyTo);
    const outcome = await this.tutor.dispatch(invocation, { route });
    if (outcome.kind === 'answered') return this.sendNow(invocation.chat.id, Number(invocation.user.id), outcome.reply, replyTo);
    this.typing.start(outcome.correlationId, invocation.chat.id);
    if (outcome.notice) {
      const address = { platform: 'telegram' as const, chatId: invocation.chat.id, userId: invocation.user.id, correlationId: outcome.correlationId, outbox: TELEGRAM_OUTBOX, route };
      this.background(this.deliver({ id: `notice-${outcome.correlationId}`, address, reply: outcome.notice, final: false }));
    }
  }

  /** `/lang … group` needs to know whether the asker administers the group: asked only then. */
  private async withAdminRight(invocation: TypedInvocation): Promise<TypedInvocation> {
    if (invocation.chat.kind !== 'group' || invocation.command !== 'lang' || invocation.args['scope'] !== 'group') return invocation;
    const admin = await this.admins.isAdmin(invocation.chat.id, invocation.user.id).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'telegram: admin check failed');
      return false;
    });
    return { ...invocation, user: { ...invocation.user, chatAdmin: admin } };
  }

  private sendNow(chatId: string, userId: number, reply: Reply, replyTo: number | undefined): void {
    const address = { platform: 'telegram' as const, chatId, userId: String(userId), correlationId: randomUUID().replace(/-/g, ''), outbox: TELEGRAM_OUTBOX, route: routeFor(replyTo) };
    this.background(this.deliver({ id: `now-${address.correlationId}`, address, reply, final: true }));
  }

  /** Sends without holding up the update handler; a failure is logged (deliver already said why). */
  private background(sending: Promise<void>): void {
    sending.catch(() => undefined);
  }
}

/** What the reply needs to find its way back: the message it answers (threads the answer in a busy group). */
function routeFor(replyTo: number | undefined): Record<string, string> {
  return replyTo === undefined ? {} : { reply: String(replyTo) };
}

/** Refusals a retry cannot fix: the user blocked the bot (403), or Telegram rejected the request itself (400). */
function isPermanent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 400 || code === 403;
}
