/**
 * The tutor on Telegram (telegraf): long polling by default, a webhook when configured. Updates become invocations
 * (incoming.ts decides which ones); the tutor queues them; replies come back as outbox deliveries (`deliver`) and are
 * rendered by replies.ts through the send limiter. The update handler never waits for a send, so a slow chat
 * cannot hold up the polling loop.
 */
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ReplicaState } from '../chat/replica-state.js';
import { handleOnce, updateCorrelationId } from './update-once.js';
import { optionsFor } from '../../core/command.js';
import type { Delivery } from '../../core/delivery.js';
import { chatSpokenAs } from '../../core/chat-identity.js';
import { escapeMarkdown, toPlainText } from '../../core/markdown.js';
import type { ChatRef } from '../../core/invocation.js';
import type { ChatAdapter, ChatCapabilities, ComponentHealth, Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import type { LessonContext } from '../../core/followup/context.js';
import { newCorrelationId, type Asker, type Tutor, type TypedInvocation } from '../../core/tutor.js';
import { GroupAdmins, needsAdminCheck } from './admins.js';
import { attachmentValue, type IncomingDocument } from './documents.js';
import { isPermanentRefusal, telegramCode } from './errors.js';
import { countRateLimits, telegramHealth } from './health.js';
import { TELEGRAM_MAX_MESSAGE_CHARS, toastText } from './html.js';
import { QuizTopics, type CommandPlace } from './topics.js';
import { t } from '../../core/i18n.js';
import { askerOf, chatKind, chatRef, lineFor, repliedBotMessage, userRef, type BotIdentity, type IncomingText } from './incoming.js';
import { registerMenus } from './menus.js';
import { ReplyRenderer, type ReplyPacing } from './replies.js';
import { TELEGRAM_SEND_LIMITS } from './send-limiter.js';
import { TelegramSender, type SenderOptions } from './sender.js';
import { TELEGRAM_TOKEN_REFUSED, TelegramPolling } from './polling.js';
import { TypingIndicators, type TypingOptions } from './typing.js';

/** The outbox the Telegram adapter reads (runtime.serve('telegram', TELEGRAM_OUTBOX, …)). */
export const TELEGRAM_OUTBOX = 'outbox-telegram';
/** A reply for one person asked in a group goes to their private chat with the bot: Telegram has no ephemeral messages. */
export const TELEGRAM_CAPABILITIES: ChatCapabilities = { maxMessageLength: TELEGRAM_MAX_MESSAGE_CHARS, edits: true, buttons: true, files: true, privateReplies: 'direct-message' };
/** How long stop() waits for messages still in line. */
const STOP_DRAIN_MS = 5_000;
export { TELEGRAM_CONFLICT_BACKOFF_MAX_MS, TELEGRAM_CONFLICT_BACKOFF_MIN_MS, TELEGRAM_TOKEN_REFUSED } from './polling.js';


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
  /** Bound on downloading a file attached to a command (ms). */
  downloadTimeoutMs?: number;
  /**
   * Polling stopped for good (Telegram refused the token, or getUpdates itself): the reason, one line without the
   * token. The process should exit non-zero; without this callback the reason is only logged.
   */
  onFatal?: (reason: string) => void;
  /** Backoff bounds for 409 Conflict (default TELEGRAM_CONFLICT_BACKOFF_MIN_MS / _MAX_MS); tests shorten them. */
  conflictBackoffMs?: { min: number; max: number };
  /** Called for every 429 Telegram answers (for /metrics); the sender waits each out all the same. */
  onRateLimited?: () => void;
  /**
   * Shared with the other replicas of this bot (with Redis): streamed replies, the send budget, the update ids taken
   * (a webhook retry reaching another replica is dropped) and the polling lease (one replica polls, the others stand by).
   */
  replicas?: ReplicaState | undefined;
}

/** The parts of a callback query this reads. */
interface ButtonQuery {
  id: string;
  data?: string;
  from: NonNullable<IncomingText['from']>;
  message?: { message_id: number; chat: IncomingText['chat'] };
}

/** The parts of a document message this reads: the caption is the command line. */
type IncomingDocumentMessage = Omit<IncomingText, 'text' | 'entities'> & {
  document: IncomingDocument;
  caption?: string | undefined;
  caption_entities?: IncomingText['entities'];
};

export class TelegramAdapter implements ChatAdapter {
  readonly platform = 'telegram' as const;
  readonly outbox = TELEGRAM_OUTBOX;
  readonly capabilities = TELEGRAM_CAPABILITIES;
  private readonly bot: Telegraf;
  private readonly sender: TelegramSender;
  private readonly renderer: ReplyRenderer;
  private readonly typing: TypingIndicators;
  private readonly admins: GroupAdmins;
  private readonly topics: QuizTopics;
  private identity: BotIdentity | undefined;
  private polling: TelegramPolling | undefined;
  private stopping = false;
  /** Updates dropped because some replica had taken them already (tests read it). */
  repeatsDropped = 0;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: TelegramAdapterOptions,
  ) {
    // webhookReply off: every call goes to the API, so its errors are seen and its result (message ids) returned.
    this.bot = new Telegraf(options.token, { telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
    const replicas = options.replicas ?? {};
    this.sender = new TelegramSender(this.bot.telegram, { ...options.sending, budget: replicas.telegramBudget?.(options.sending?.limits ?? TELEGRAM_SEND_LIMITS) });
    this.typing = new TypingIndicators((chatId) => this.sender.typing(chatId), options.typing);
    this.topics = new QuizTopics(this.bot.telegram, options.logger);
    this.renderer = new ReplyRenderer(this.sender, options.logger, { ...options.pacing, ledger: replicas.streams }, (key) => this.typing.stop(key), () => this.botUsername(), (chatId, messageId, context) => this.rememberLesson(chatId, messageId, context));
    this.admins = new GroupAdmins(this.bot.telegram, options.adminCacheMs);
    if (options.onRateLimited) countRateLimits(this.bot.telegram, options.onRateLimited);
    // First of all: an update another replica (or this one) already handled is dropped, answered 200 all the same.
    const updates = replicas.telegramUpdates;
    if (updates) this.bot.use((ctx, next) => handleOnce(updates, ctx.update.update_id, next, () => (this.repeatsDropped += 1)));
    this.bot.on(message('text'), (ctx) => this.onText(ctx.message, ctx.update.update_id));
    // A file is read in the background: a slow download must not hold up the next updates.
    this.bot.on(message('document'), (ctx) => this.background(this.onDocument(ctx.message, ctx.update.update_id)));
    this.bot.on('callback_query', (ctx) => this.onButton(ctx.callbackQuery, ctx.update.update_id));
    // One bad update must never stop the polling loop (telegraf's default handler rethrows).
    this.bot.catch((error) => this.options.logger.error({ err: error }, 'telegram: update failed'));
  }

  /** Registers the menus and starts receiving updates; resolves once the bot is listening. */
  async start(): Promise<void> {
    const me = await this.bot.telegram.getMe().catch((error: unknown) => {
      throw telegramCode(error) === 401 ? new Error(TELEGRAM_TOKEN_REFUSED) : error;
    });
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
    this.polling = new TelegramPolling(this.bot, {
      logger: this.options.logger,
      conflictBackoffMs: this.options.conflictBackoffMs,
      lease: this.options.replicas?.telegramPolling,
      fatal: (reason) => this.fatal(reason),
    });
    this.polling.start();
    this.options.logger.info({ bot: me.username, mode: 'polling' }, 'telegram: listening');
  }

  private fatal(reason: string): void {
    if (this.options.onFatal) this.options.onFatal(reason);
    else this.options.logger.error({ reason }, 'telegram: polling stopped');
  }

  /** For /healthz: the polling loop is alive and not waiting out a 409, or the webhook server listens. */
  health(): ComponentHealth {
    const polling = this.polling?.state ?? { alive: false, conflict: false, standingBy: false };
    const loop = { stopping: this.stopping, alive: polling.alive, conflict: polling.conflict, standingBy: polling.standingBy };
    return telegramHealth(this.bot, this.options.webhook ? 'webhook' : 'polling', loop);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.polling?.stop();
    this.typing.stopAll();
    const deadline = Date.now() + STOP_DRAIN_MS;
    while (this.sender.limiter.pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    this.renderer.close();
  }

  /** The outbox handler: renders a reply or a streamed update; throws when a final could not be sent (retried). */
  deliver(delivery: Delivery): Promise<void> {
    return this.deliverOnce(delivery, { plainRetry: false });
  }

  private async deliverOnce(delivery: Delivery, how: { plainRetry: boolean }): Promise<void> {
    if (delivery.final) this.typing.stop(delivery.address.correlationId);
    try {
      // Asked as a chat (an anonymous admin, a channel): nobody's private chat to go to, and the reply (an
      // acknowledgement, a refusal) is about what that chat itself posted there: said there.
      const privately = delivery.address.chatId !== delivery.address.userId && chatSpokenAs(delivery.address.userId) === undefined;
      if (delivery.reply.askerOnly && privately) await this.deliverPrivate(delivery);
      else await this.renderer.render(delivery);
    } catch (error) {
      this.options.logger.warn({ err: error, correlationId: delivery.address.correlationId }, 'telegram: reply not sent');
      // Telegram refused the message itself (400, e.g. "can't parse entities"): a final is sent again as plain text,
      // so the student still gets the answer, without its formatting.
      if (telegramCode(error) === 400 && delivery.final && !how.plainRetry) {
        return this.deliverOnce({ ...delivery, reply: { ...delivery.reply, text: escapeMarkdown(toPlainText(delivery.reply.text)) } }, { plainRetry: true });
      }
      if (isPermanentRefusal(error)) return;
      throw error;
    }
  }

  /**
   * A reply for the asker's eyes only that came through the outbox, in a group: it goes to their private chat
   * (nothing if they never started the bot), never to the group. Answers pressed at the edge are toasts (onButton).
   */
  private async deliverPrivate(delivery: Delivery): Promise<void> {
    if (!delivery.final) return;
    const { userId } = delivery.address;
    await this.renderer.render({ ...delivery, address: { ...delivery.address, chatId: userId, route: {} } });
  }

  /** The bot's username (for t.me links): from start(), or asked of Telegram when a reply comes first. */
  private async botUsername(): Promise<string> {
    if (!this.identity) {
      const me = await this.bot.telegram.getMe();
      this.identity = { id: me.id, username: me.username };
    }
    return this.identity.username;
  }

  private async onText(incoming: IncomingText, updateId: number): Promise<void> {
    if (!this.identity) return;
    const line = lineFor(incoming, this.identity, (name) => this.tutor.commands.some((command) => command.name === name.toLowerCase()));
    const kind = chatKind(incoming.chat.type);
    const user = askerOf(incoming);
    if (line === undefined || !kind || !user) return;
    const asker: Asker = { user, chat: chatRef(incoming.chat, kind), platform: 'telegram' };
    // A reply to a lesson is a follow-up about it (the replier's own turns, whoever the lesson was for).
    const replied = repliedBotMessage(incoming, this.identity);
    const followUp = replied === undefined ? undefined : await this.tutor.followUpOf(asker, String(replied), line);
    // In a group the answer quotes the question (many people talk at once); a private chat needs no quoting.
    await this.run(followUp ?? this.tutor.readText(line, asker), kind === 'group' ? incoming.message_id : undefined, updateId, kind === 'group' ? incoming : undefined);
  }

  /** Best effort: a lesson not kept only means a reply to it is answered as a fresh question. */
  private async rememberLesson(chatId: string, messageId: number, context: LessonContext): Promise<void> {
    await this.tutor.rememberLesson('telegram', chatId, String(messageId), context).catch((error: unknown) => {
      this.options.logger.warn({ err: error, chatId }, 'telegram: lesson context not kept');
    });
  }

  private async onButton(query: ButtonQuery, updateId: number): Promise<void> {
    const kind = query.message ? chatKind(query.message.chat.type) : undefined;
    if (!query.message || !kind || typeof query.data !== 'string') return this.answerQuery(query.id);
    const chat: ChatRef = chatRef(query.message.chat, kind);
    // Answered at the edge (a class quiz's Join and answer buttons): the spinner stops with the answer's toast.
    // Everything else: the spinner stops now, and the reply comes as a message.
    const pressed = await this.tutor.readButton({ buttonId: query.data, user: userRef(query.from), chat, platform: 'telegram' }).catch((error: unknown) => {
      this.answerQuery(query.id);
      throw error;
    });
    if ('reply' in pressed) {
      if (pressed.reply.askerOnly) return this.answerQuery(query.id, pressed.reply);
      this.answerQuery(query.id);
      return this.sendNow(chat.id, String(query.from.id), pressed.reply, undefined);
    }
    if (this.tutor.answersAtEdge(pressed)) {
      const outcome = await this.tutor.dispatch(pressed).catch((error: unknown) => {
        this.answerQuery(query.id);
        throw error;
      });
      if (outcome.kind === 'answered') {
        if (outcome.reply.askerOnly || kind === 'private') return this.answerQuery(query.id, outcome.reply);
        this.answerQuery(query.id);
        return this.sendNow(chat.id, String(query.from.id), outcome.reply, undefined);
      }
      // Queued after all: its reply comes through the outbox, and may toast this query.
      this.answerQuery(query.id);
      return;
    }
    this.answerQuery(query.id);
    await this.run(pressed, undefined, updateId);
  }

  /** Stops a button's spinner, with the reply as a toast when given; best effort. */
  private answerQuery(queryId: string, reply?: Reply): void {
    this.background(this.sender.answerButton(queryId, reply ? toastText(reply.text) : undefined));
  }

  /**
   * A document whose caption is a command taking a file (`/quiz import`, `/quiz@ThisBot import`): the file becomes
   * the command's attachment option. Documents with any other caption, or none, are left alone.
   */
  private async onDocument(incoming: IncomingDocumentMessage, updateId: number): Promise<void> {
    if (!this.identity || incoming.caption === undefined) return;
    const asText: IncomingText = { ...incoming, text: incoming.caption, entities: incoming.caption_entities };
    const line = lineFor(asText, this.identity, (name) => this.tutor.commands.some((command) => command.name === name.toLowerCase()));
    const kind = chatKind(incoming.chat.type);
    const user = askerOf(incoming);
    if (line === undefined || !kind || !user) return;
    const asker: Asker = { user, chat: chatRef(incoming.chat, kind), platform: 'telegram' };
    const typed = await this.withAdminRight(this.tutor.readText(line, asker));
    const definition = this.tutor.commands.find((command) => command.name === typed.command);
    const option = definition ? optionsFor(definition, typed.subcommand).find((candidate) => candidate.type === 'attachment') : undefined;
    if (!option) return;
    const replyTo = kind === 'group' ? incoming.message_id : undefined;
    // Rights, chat and upload rate first: a file nobody may import here is never downloaded.
    const refused = await this.tutor.admitFile(typed);
    if (refused) {
      if (kind === 'group' && !(await this.tutor.mayAnnounceRefusal(typed))) return;
      return this.sendNow(asker.chat.id, user.id, refused, replyTo);
    }
    const args = { ...typed.args };
    try {
      args[option.name] = await attachmentValue(incoming.document, { telegram: this.bot.telegram, token: this.options.token, apiRoot: this.options.apiRoot, timeoutMs: this.options.downloadTimeoutMs });
    } catch (error) {
      // Without the file the core answers that the option is missing, so the teacher knows to send it again.
      this.options.logger.warn({ reason: error instanceof Error ? error.message : 'unknown', chatId: asker.chat.id }, 'telegram: attachment not downloaded');
    }
    await this.run({ ...typed, args }, replyTo, updateId);
  }

  /** Dispatches an invocation; an immediate answer (an error, a limit) is sent now, a queued one shows "typing…". */
  private async run(typed: TypedInvocation, replyTo: number | undefined, updateId: number, place?: CommandPlace): Promise<void> {
    const invocation = await this.withAdminRight(typed);
    const topicName = async () => t(await this.tutor.localeFor(invocation).catch(() => 'en' as const), 'classQuiz.threadName');
    const topics = place ? await this.topics.routeFor(invocation, place, topicName) : {};
    // With replicas, from the update (see updateCorrelationId); alone, random as everywhere else.
    const correlationId = this.options.replicas?.telegramUpdates ? updateCorrelationId(updateId) : newCorrelationId();
    const route = { ...routeFor(replyTo, correlationId), ...topics };
    const outcome = await this.tutor.dispatch(invocation, { correlationId, route });
    if (outcome.kind === 'answered') {
      // A refusal in a group cannot be private on Telegram: said once per person per window, and within a small share
      // of the group's 20 messages a minute; beyond that the tutor stays silent.
      if (outcome.reply.error && invocation.chat.kind === 'group' && !(await this.tutor.mayAnnounceRefusal(invocation))) return;
      return this.sendNow(invocation.chat.id, invocation.user.id, outcome.reply, replyTo);
    }
    this.typing.start(outcome.correlationId, invocation.chat.id);
    if (outcome.notice) {
      const address = { platform: 'telegram' as const, chatId: invocation.chat.id, userId: invocation.user.id, correlationId: outcome.correlationId, outbox: TELEGRAM_OUTBOX, route };
      this.background(this.deliver({ id: `notice-${outcome.correlationId}`, address, reply: outcome.notice, final: false }));
    }
  }

  /** Some commands in groups need to know whether the asker administers the group (admins.ts): asked only then. */
  private async withAdminRight(invocation: TypedInvocation): Promise<TypedInvocation> {
    if (!needsAdminCheck(this.tutor.commands, invocation)) return invocation;
    const admin = await this.admins.isAdmin(invocation.chat.id, invocation.user.id).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'telegram: admin check failed');
      return false;
    });
    return { ...invocation, user: { ...invocation.user, chatAdmin: admin } };
  }

  private sendNow(chatId: string, userId: string, reply: Reply, replyTo: number | undefined): void {
    const correlationId = newCorrelationId();
    const address = { platform: 'telegram' as const, chatId, userId, correlationId, outbox: TELEGRAM_OUTBOX, route: routeFor(replyTo, correlationId) };
    this.background(this.deliver({ id: `now-${address.correlationId}`, address, reply, final: true }));
  }

  /** Sends without holding up the update handler; a failure is logged (deliver already said why). */
  private background(sending: Promise<void>): void {
    sending.catch(() => undefined);
  }
}

/**
 * What the reply needs to find its way back: the message it answers (threads the answer in a busy group), quoted only
 * by replies with this correlation id — a class quiz's later messages reuse the route under new ids, unquoted. The
 * chat itself is the address's chatId, so messages a worker starts later (a quiz's questions) can post there too.
 */
function routeFor(replyTo: number | undefined, correlationId: string): Record<string, string> {
  return replyTo === undefined ? {} : { reply: String(replyTo), quote: correlationId };
}
