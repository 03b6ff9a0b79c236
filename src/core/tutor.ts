import { randomUUID } from 'node:crypto';
import type { ButtonActions } from './buttons.js';
import type { ChatPrefs } from './chat-prefs.js';
import { findCommand, optionsFor, plainTextTarget, policyOf, type CommandDefinition, type QueueName } from './command.js';
import type { ReplyAddress } from './delivery.js';
import { isUserError, UserError } from './errors.js';
import type { TutorMetrics } from './metrics.js';
import { t } from './i18n.js';
import type { ButtonPress, ChatRef, CommandInvocation, Platform, RawArg, TypedInvocation, UserRef } from './invocation.js';
import type { TutorJob } from './jobs.js';
import { admitCommand, toJob } from './to-job.js';
import { GROUP_RATE_RULES, QUEUE_BUSY_DEPTH, QUEUE_NOTICE_DEPTH, RATE_RULES, REFUSAL_RULES, UPLOAD_RATE_RULE } from './limits.js';
import { resolveLocale, type Locale } from './locale.js';
import { parseCommandLine } from './parse-text.js';
import { localeForTyped } from './script.js';
import type { JobSubmitter, Logger, RateLimiter, RateRule } from './ports.js';
import type { Reply } from './reply.js';
import { errorReply, localize, quoteUserText } from './reply-format.js';
import type { ReplyDeadlines } from './reply-deadlines.js';
import type { ReplyWaiter } from './reply-waiter.js';
import type { Catalog } from './lessons/catalog.js';
import { suggestTopics, type TopicSuggestion } from './lessons/suggest.js';
import type { Uploads } from './uploads.js';

export type { TypedInvocation } from './invocation.js';
import { userKeyPrefix, type UserPrefs } from './user-prefs.js';
import type { LessonContexts } from './followup/context.js';
import type { LessonContext } from './followup/lesson-context.js';
import { followUpInvocation } from './followup/invocation.js';
import { wellFormed, wellFormedDeep } from './well-formed.js';
import { noWorkerNotice, watchForWorker } from './worker-watch.js';

export interface TutorDeps {
  commands: readonly CommandDefinition[];
  submitter: JobSubmitter;
  prefs: UserPrefs;
  chatPrefs: ChatPrefs;
  buttons: ButtonActions;
  limiter: RateLimiter;
  /** Holds attached files' bytes outside job data (the job carries a reference). */
  uploads: Uploads;
  /** Matches outbox deliveries to the commands this process waits on (`handle`). */
  waiter: ReplyWaiter;
  /** The outbox this process reads its replies from (the terminal's); a bot process has only `outboxes`. */
  outbox?: string | undefined;
  /** Answers the commands answered at the edge (answersAtEdge); without it they are refused as not available. */
  edgeDesk?: EdgeDesk | undefined;
  /** Per platform, where this process reads that platform's replies (`outbox-telegram`); filled as adapters start. */
  outboxes?: ReadonlyMap<Platform, string>;
  /**
   * Replies nobody in this process awaits (chat platforms): a command whose reply is overdue is answered with a
   * timeout and withdrawn. Absent: only `handle` keeps the timeout promise.
   */
  deadlines?: ReplyDeadlines | undefined;
  /** How long a user waits for a reply before hearing "that took too long", per queue. */
  timeoutMs: Record<QueueName, number>;
  defaultLocale: Locale;
  logger: Logger;
  /** The lessons, for topic suggestions while a user types (Discord autocomplete); absent: no suggestions. */
  catalog?: Catalog | undefined;
  /** Counts the commands answered with an error at the edge, by code (for /metrics). */
  metrics?: Pick<TutorMetrics, 'refused'> | undefined;
  /** The context of the bot's lesson messages by id (a Telegram reply is a follow-up); absent: replies are questions. */
  lessonContexts?: LessonContexts | undefined;
}

/**
 * Answers, at once and in this process, the invocations whose policy says `answeredAt: 'edge'` (a class quiz's Join
 * and answer buttons: ClassQuizDesk).
 */
export interface EdgeDesk {
  handle(job: Omit<TutorJob, 'address'>): Promise<Reply>;
}

/** Who is asking and where, as adapters describe it. */
export interface Asker {
  user: UserRef;
  chat: ChatRef;
  platform: Platform;
}


/** What became of a command at the edge: answered at once (an error, a limit), or queued with its correlation id. */
export type Dispatch =
  | { kind: 'answered'; reply: Reply }
  | { kind: 'queued'; correlationId: string; queue: QueueName; jobId: string; locale: Locale; notice?: Reply | undefined };

export interface HandleOptions {
  /** Updates before the final reply: a place-in-line notice, streamed text. */
  onUpdate?: (reply: Reply) => void;
  /**
   * Aborted when the asker stops waiting (Ctrl-C in the terminal): `handle` rejects with the signal's reason at once,
   * takes the job back if no worker has started it, and drops whatever else of it arrives.
   */
  signal?: AbortSignal | undefined;
}

/**
 * The edge of the core: turns what adapters hand in (typed lines, structured invocations, button presses) into
 * validated jobs with a reply address, after rate limits and back-pressure. Replies come back through the outbox;
 * `handle` waits for one (the terminal), `dispatch` does not (chat adapters render deliveries as they come).
 */
export class Tutor {
  private readonly plainText: ReturnType<typeof plainTextTarget>;

  constructor(private readonly deps: TutorDeps) {
    this.plainText = plainTextTarget(deps.commands);
  }

  get commands(): readonly CommandDefinition[] {
    return this.deps.commands;
  }

  /** A typed line: `/command …`, or plain text, which goes to the command that takes it (a question for /explain). */
  readText(line: string, asker: Asker): TypedInvocation {
    const parsed = parseCommandLine(line, (name) => this.find(name));
    // (With no such command, plain text is refused as an unknown command.)
    if (!parsed) return this.plainText ? { ...asker, command: this.plainText.command, args: { [this.plainText.option]: line } } : { ...asker, command: line, args: {} };
    return { ...asker, command: parsed.command, subcommand: parsed.subcommand, args: parsed.args, unparsed: parsed.unparsed, repeated: parsed.repeated };
  }

  async handleText(line: string, asker: Asker, options: HandleOptions = {}): Promise<Reply> {
    return this.handle(this.readText(line, asker), options);
  }

  async press(press: ButtonPress, options: HandleOptions = {}): Promise<Reply> {
    const invocation = await this.readButton(press);
    return 'reply' in invocation ? invocation.reply : this.handle(invocation, options);
  }

  /** Runs a command and waits for its final reply (or a timeout reply). */
  async handle(invocation: TypedInvocation, options: HandleOptions = {}): Promise<Reply> {
    const correlationId = newCorrelationId();
    const waiting = this.deps.waiter.expect(correlationId, options.onUpdate);
    const outcome = await this.dispatch(invocation, { correlationId, awaited: true });
    if (outcome.kind === 'answered') {
      waiting.cancel();
      return outcome.reply;
    }
    if (outcome.notice) options.onUpdate?.(outcome.notice);
    const stopWatch = watchForWorker(this.deps.submitter, outcome, () => options.onUpdate?.(noWorkerNotice(invocation.command, outcome.locale, invocation.platform)));
    try {
      return await untilAborted(waiting.within(this.deps.timeoutMs[outcome.queue]), options.signal);
    } catch (error) {
      if (options.signal?.aborted) {
        waiting.abandon();
        await this.deps.submitter.withdraw(outcome.queue, outcome.jobId).catch(() => undefined);
        throw error;
      }
      // Told it failed, the user must not see it run later: take the job back if no worker has started it.
      await this.deps.submitter.withdraw(outcome.queue, outcome.jobId).catch(() => undefined);
      return this.failure(invocation.command, outcome.locale, error);
    } finally {
      stopWatch();
    }
  }

  /**
   * Commands answered here at the edge, without the queue, as their policy says (`answeredAt: 'edge'`): a class
   * quiz's Join and answer buttons, which must be counted once and acknowledged at once. Their reply is `private` (a
   * toast or an ephemeral message), and `dispatch` returns it as `answered` within a few Redis round trips, so
   * adapters need not defer them.
   */
  answersAtEdge(invocation: Pick<CommandInvocation, 'command' | 'subcommand'>): boolean {
    return policyOf(this.deps.commands, invocation).answeredAt === 'edge';
  }

  /** Where replies to this platform's commands come back; a platform nobody reads replies for is a wiring bug. */
  private outboxFor(platform: Platform): string {
    const outbox = this.deps.outboxes?.get(platform) ?? this.deps.outbox;
    if (outbox === undefined) throw new Error(`no outbox is read for ${platform} replies in this process`);
    return outbox;
  }

  /** Validates and queues a command; the reply will arrive in this adapter's outbox. */
  async dispatch(typed: TypedInvocation, address: { correlationId?: string; route?: Record<string, string>; awaited?: boolean } = {}): Promise<Dispatch> {
    // Well-formed before anything reaches Redis or a platform: a lone surrogate breaks Lua's cjson (a class quiz).
    const { asker: invocation, locale } = await this.withLocale({
      ...typed,
      user: wellFormedDeep(typed.user),
      args: wellFormedDeep(typed.args),
      ...(typed.unparsed === undefined ? {} : { unparsed: wellFormed(typed.unparsed) }),
    });
    try {
      const { queue, job: toHold } = toJob(this.deps.commands, invocation, locale);
      await this.checkRate(invocation, queue);
      const unaddressed = await this.holdFiles(toHold);
      if (this.answersAtEdge(unaddressed)) {
        if (!this.deps.edgeDesk) throw new UserError('not_available', { command: unaddressed.command });
        return { kind: 'answered', reply: await this.deps.edgeDesk.handle(unaddressed) };
      }
      const waiting = await this.deps.submitter.depth(queue);
      if (waiting >= QUEUE_BUSY_DEPTH[queue]) throw new UserError('busy');
      const correlationId = address.correlationId ?? newCorrelationId();
      const replyAddress: ReplyAddress = {
        platform: invocation.platform,
        chatId: invocation.chat.id,
        userId: invocation.user.id,
        correlationId,
        outbox: this.outboxFor(invocation.platform),
        route: address.route,
      };
      const receipt = await this.deps.submitter.submit(queue, { ...unaddressed, address: replyAddress });
      if (!address.awaited) this.deps.deadlines?.arm(replyAddress, invocation.command, locale, this.deps.timeoutMs[queue], { queue, jobId: receipt.jobId });
      // The depth read for back-pressure also places the job in line: one read of the queue per command.
      const position = waiting + 1;
      const notice = position > QUEUE_NOTICE_DEPTH[queue] ? this.positionNotice(invocation.command, locale, position) : undefined;
      return { kind: 'queued', correlationId, queue, jobId: receipt.jobId, locale, notice };
    } catch (error) {
      return { kind: 'answered', reply: this.failure(invocation.command, locale, error) };
    }
  }

  /**
   * Before an adapter fetches a file attached to a command: whether this person may run it here (its policy) and
   * may upload now (a rate of its own). A refusal is the reply to send; nothing is downloaded for it.
   */
  async admitFile(typed: TypedInvocation): Promise<Reply | undefined> {
    const { asker: invocation, locale } = await this.withLocale(typed);
    try {
      admitCommand(this.deps.commands, invocation);
      await this.takeToken(invocation, 'upload', UPLOAD_RATE_RULE);
      return undefined;
    } catch (error) {
      return this.failure(invocation.command, locale, error);
    }
  }

  /**
   * Whether a refusal said in front of a group (where the platform cannot answer privately) may be said now: once
   * per person per window, and a few per group per window. False: stay silent (the person was told already).
   */
  async mayAnnounceRefusal(asker: Asker): Promise<boolean> {
    const [person, group] = await Promise.all([
      this.deps.limiter.take(`${userKeyPrefix(asker.platform, asker.user.id)}rate:refusal`, REFUSAL_RULES.person),
      this.deps.limiter.take(`chat:${asker.platform}:${asker.chat.id}:rate:refusal`, REFUSAL_RULES.group),
    ]).catch(() => [{ allowed: true }, { allowed: true }] as const);
    return person.allowed && group.allowed;
  }

  /** The invocation behind a button, pressed by this person; or the reply when the button is unknown or expired. */
  async readButton(press: ButtonPress): Promise<TypedInvocation | { reply: Reply }> {
    try {
      const { chat: boundTo, ...action } = await this.deps.buttons.resolve(press.buttonId);
      // A class quiz's buttons count in their own chat only: its callback data pressed elsewhere is refused.
      if (boundTo !== undefined && boundTo !== `${press.platform}:${press.chat.id}`) throw new UserError('button_other_chat');
      return { ...action, user: press.user, chat: press.chat, platform: press.platform };
    } catch (error) {
      // For the presser's eyes only (a toast, an ephemeral reply): 30 stale presses must not be 30 group messages.
      return { reply: { ...this.failure('button', await this.localeFor(press), error), askerOnly: true } };
    }
  }

  /** Keeps what a reply to this sent message needs to be a follow-up (Telegram names only the message replied to). */
  async rememberLesson(platform: Platform, chatId: string, messageId: string, context: LessonContext): Promise<void> {
    await this.deps.lessonContexts?.remember(platform, chatId, messageId, context);
  }

  /** A reply to the bot's message `messageId`: a follow-up about its lesson, or undefined when none is kept for it. */
  async followUpOf(asker: Asker, messageId: string, question: string): Promise<TypedInvocation | undefined> {
    const context = await this.deps.lessonContexts?.find(asker.platform, asker.chat.id, messageId).catch(() => undefined);
    return context && followUpInvocation(asker, context, question);
  }

  /** Topics matching what a user has typed so far, in their language (for a platform's autocomplete). */
  suggestTopics(typed: string, locale: Locale): TopicSuggestion[] {
    return this.deps.catalog ? suggestTopics(typed, locale, this.deps.catalog) : [];
  }

  async localeFor(asker: Asker): Promise<Locale> {
    return (await this.withLocale(asker)).locale;
  }

  /**
   * The asker's language, and the asker with the language a group's admins chose as the chat default (it travels in
   * the job, for replies meant for the whole group): one read of each preference.
   */
  private async withLocale<T extends Asker>(asker: T): Promise<{ asker: T; locale: Locale }> {
    const [userChoice, chatChoice] = await Promise.all([
      this.deps.prefs.getLocale(asker.platform, asker.user.id).catch(() => undefined),
      this.deps.chatPrefs.getLocale(asker.platform, asker.chat).catch(() => undefined),
    ]);
    const withDefault = chatChoice ? { ...asker, chat: { ...asker.chat, defaultLocale: chatChoice } } : asker;
    const resolved = resolveLocale({
      userChoice,
      platformLocale: asker.user.locale,
      chatDefault: withDefault.chat.defaultLocale,
      fallback: this.deps.defaultLocale,
    });
    // No /lang choice: a question typed in Chinese is answered in Chinese, in the script it was typed in.
    const typed = 'args' in asker ? Object.values((asker as { args: Record<string, RawArg> }).args).filter((value): value is string => typeof value === 'string').join(' ') : '';
    const locale = userChoice ? resolved : localeForTyped(resolved, typed);
    return { asker: withDefault, locale };
  }

  private find(name: string): CommandDefinition | undefined {
    return findCommand(this.deps.commands, name);
  }

  private async checkRate(invocation: TypedInvocation, queue: QueueName): Promise<void> {
    // In a group every answer spends the group's own budget (Telegram: 20 messages a minute): one person gets less.
    // (A class quiz's Join and answer presses are acknowledged privately: they spend nothing of the group's budget.)
    const inGroupBudget = invocation.chat.kind === 'group' && !this.answersAtEdge(invocation);
    await this.takeToken(invocation, queue, (inGroupBudget ? GROUP_RATE_RULES : RATE_RULES)[queue]);
  }

  /** One token of the person's `bucket` (a queue, uploads), or `rate_limited` saying when to try again. */
  private async takeToken(invocation: TypedInvocation, bucket: string, rule: RateRule): Promise<void> {
    // One person at their own keyboard: nobody to protect from them.
    if (invocation.platform === 'terminal') return;
    const decision = await this.deps.limiter.take(`${userKeyPrefix(invocation.platform, invocation.user.id)}rate:${bucket}`, rule);
    if (!decision.allowed) throw new UserError('rate_limited', { command: invocation.command, seconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) });
  }

  private positionNotice(command: string, locale: Locale, position: number): Reply {
    return localize({ command, locale, text: t(locale, 'queue.position', { position }), buttons: [] });
  }

  /** Attached files' bytes go to the upload store; the job carries a reference to them (uploads.ts). */
  private async holdFiles(job: Omit<TutorJob, 'address'>): Promise<Omit<TutorJob, 'address'>> {
    const command = this.find(job.command);
    const files = command ? optionsFor(command, job.subcommand).filter((option) => option.type === 'attachment') : [];
    if (files.length === 0) return job;
    const args = { ...job.args };
    for (const option of files) {
      const value = args[option.name];
      if (typeof value === 'string') args[option.name] = await this.deps.uploads.hold(value);
    }
    return { ...job, args };
  }

  private failure(command: string, locale: Locale, error: unknown): Reply {
    this.deps.metrics?.refused(isUserError(error) ? error.code : 'internal');
    if (isUserError(error)) return errorReply(quoteUserText(command, 32), locale, error);
    this.deps.logger.error({ err: error, command }, 'command failed');
    return errorReply(quoteUserText(command, 32), locale, new UserError('internal'));
  }
}

/** The promise's outcome, or the signal's reason as soon as it is aborted. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Opaque and unique; also the key of the final delivery, so a re-run job cannot answer twice. */
export function newCorrelationId(): string {
  return randomUUID().replace(/-/g, '');
}

