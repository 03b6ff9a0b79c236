/**
 * The tutor on Discord (discord.js v14, Guilds intent only: interactions need no privileged intents).
 * A slash command is checked synchronously, deferred at once (privately for errors and personal answers), then
 * dispatched (after fetching any attached file); its reply arrives through the outbox (`deliver`) and edits the
 * deferred response. A button press is acknowledged with a deferred update and answered in new messages, except a
 * class quiz's Join / answer buttons, answered at the edge: dispatched first, then answered ephemerally in the
 * interaction's one callback. A class quiz's own messages (new correlation ids, no interaction waiting) are posted
 * in the channel with the bot token — except where the bot is not a member (a user install in a group DM, or in a
 * server that has not added it: reach.ts), where the interaction's token is the only way. Autocomplete offers topics
 * in both languages.
 */
import { Client, DiscordjsError, DiscordjsErrorCodes, GatewayIntentBits, MessageFlags, RESTEvents, Status, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { updateOrder, type Delivery } from '../../core/delivery.js';
import { UserError } from '../../core/errors.js';
import type { ChatAdapter, ChatCapabilities, ComponentHealth, Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import { errorReply } from '../../core/reply-format.js';
import { newCorrelationId, type Dispatch, type Tutor, type TypedInvocation } from '../../core/tutor.js';
import type { ReplicaState } from '../chat/replica-state.js';
import type { ThrottleClock } from '../chat/stream-throttle.js';
import { ATTACHMENT_DOWNLOAD_TIMEOUT_MS, AttachmentDownloadError, attachmentValue, DISCORD_ATTACHMENT_ORIGINS } from './attachments.js';
import { askerOf, attachmentsOf, invocationOf, isPrivateReply, repliesPrivately } from './invocation.js';
import { buttonRows, DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG, NO_MENTIONS, renderParts, SUPPRESS_EMBEDS_FLAG } from './render.js';
import { deliveryTarget, placeOf } from './reach.js';
import { fromRoute, toRoute, tokenAlive, tokenUsable, type DiscordRoute } from './route.js';
import { QuizThreads, wantsQuizThread } from './quiz-thread.js';
import { describeError, DiscordSender } from './sender.js';
import { t } from '../../core/i18n.js';

/** The outbox this adapter's replies arrive in: pass it to `runtime.serve('discord', DISCORD_OUTBOX, …)`. */
export const DISCORD_OUTBOX = 'outbox-discord';
/** A reply for one person asked in a channel is an ephemeral message there, which only they see. */
export const DISCORD_CAPABILITIES: ChatCapabilities = { maxMessageLength: DISCORD_MAX_CONTENT_LENGTH, edits: true, buttons: true, files: true, privateReplies: 'ephemeral' };
/**
 * An answer at the edge takes a few Redis round trips; Discord wants the callback within 3 s of the press. Past
 * this budget the press is deferred (ephemerally) and answered by an edit, whatever the dispatch is still doing.
 */
export const EDGE_ANSWER_BUDGET_MS = 2_000;
/** What a fatal stop says when Discord refuses the token (REST 401 at login, or gateway close 4004). */
export const DISCORD_TOKEN_REFUSED = "Discord refused the bot token (authentication failed): it was reset or is wrong; set DISCORD_TOKEN to the bot's current token (Developer Portal → Bot → Reset Token)";

/** Gateway close codes after which discord.js does not reconnect, and what to fix (4004 is DISCORD_TOKEN_REFUSED). */
const FINAL_CLOSE_CODES: Record<number, string> = {
  4010: 'invalid shard',
  4011: 'sharding required: run the bot under a ShardingManager',
  4012: 'invalid API version',
  4013: 'invalid intents',
  4014: 'disallowed intents: enable them in the Developer Portal, or do not ask for them',
};

export interface DiscordAdapterOptions {
  token: string;
  appId: string;
  /** DISCORD_REST_API: the REST base including /api (a shared rate-limit proxy, or a test fake). */
  restApi?: string | undefined;
  logger: Logger;
  /** Pace of streamed edits (default 1 s); tests shorten it. */
  editIntervalMs?: number;
  clock?: ThrottleClock;
  /** Wall clock (ms since the epoch) for interaction-token ages; tests move it past 14 minutes. */
  now?: () => number;
  /** How long a class-quiz answer may take before the press is deferred (default 2 s). */
  edgeAnswerBudgetMs?: number;
  /** Where attached files may be fetched from (default Discord's CDN, https only); tests add the fake's origin. */
  attachmentOrigins?: readonly string[];
  attachmentTimeoutMs?: number;
  /**
   * The gateway gave up for good after start (token refused, close code 4004 and the like): the reason, one line
   * without the token. The process should exit non-zero; without this callback the reason is only logged.
   */
  onFatal?: (reason: string) => void;
  /** Called for every 429 Discord answers (for /metrics); discord.js waits each out and sends again. */
  onRateLimited?: () => void;
  /** Shared with the other replicas of this bot (with Redis): the streams of replies, so any replica goes on with one. */
  replicas?: ReplicaState | undefined;
  /**
   * The gateway shards this process connects (ids out of `count`; default one shard, 0 of 1). Discord sends each
   * shard the interactions of its servers, `(guild_id >> 22) % count`, and DMs to shard 0.
   */
  shards?: DiscordShards | undefined;
}

/** Which of the bot's gateway shards one process runs. */
export interface DiscordShards {
  ids: readonly number[];
  count: number;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly outbox = DISCORD_OUTBOX;
  readonly capabilities = DISCORD_CAPABILITIES;
  private readonly client: Client;
  private readonly sender: DiscordSender;
  private readonly threads: QuizThreads;
  private readonly now: () => number;
  /** Until start() resolves, a gateway that gives up rejects start() instead of calling onFatal. */
  private refuseStart: ((error: Error) => void) | undefined;
  /** Why the gateway gave up, once it has. */
  private gaveUp: string | undefined;
  private stopping = false;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: DiscordAdapterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // Also the default for anything sent through discord.js's own helpers: nobody gets pinged by a reply.
      allowedMentions: NO_MENTIONS,
      ...(options.restApi ? { rest: { api: options.restApi } } : {}),
      // Explicit, so discord.js does not take SHARDS / SHARD_COUNT from an environment it was not meant for.
      shards: [...(options.shards?.ids ?? [0])],
      shardCount: options.shards?.count ?? 1,
    });
    this.client.rest.setToken(options.token);
    this.sender = new DiscordSender({
      rest: this.client.rest,
      appId: options.appId,
      logger: options.logger,
      ...(options.editIntervalMs !== undefined ? { editIntervalMs: options.editIntervalMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ledger: options.replicas?.streams,
    });
    this.threads = new QuizThreads({ rest: this.client.rest, appId: options.appId, logger: options.logger });
    this.client.on('interactionCreate', (interaction) => void this.onInteraction(interaction));
    this.client.on('error', (error) => options.logger.warn(describeError(error), 'discord client error'));
    // discord.js stops reconnecting after these: left alone the process would stay up and never hear a command.
    this.client.on('shardDisconnect', (event) => this.giveUp(event.code === 4004 ? DISCORD_TOKEN_REFUSED : `Discord closed the gateway with code ${event.code} (${FINAL_CLOSE_CODES[event.code] ?? 'not resumable'}); it will not reconnect`));
    this.client.on('invalidated', () => this.giveUp('Discord invalidated the session; it will not reconnect'));
    const onRateLimited = options.onRateLimited;
    if (onRateLimited) this.client.rest.on(RESTEvents.Response, (_request, response) => response.status === 429 && onRateLimited());
  }

  /** Connects to the gateway; resolves once Discord says the bot is ready, rejects if it refuses the bot. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => {
      this.refuseStart = reject;
      this.client.once('clientReady', () => resolve());
    });
    ready.catch(() => undefined); // seen below; a refusal while login is still running must not go unhandled
    try {
      await this.client.login(this.options.token).catch((error: unknown) => {
        // REST refused the token (TokenInvalid), or the gateway closed with a final code (its reason, recorded first).
        if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) throw new Error(DISCORD_TOKEN_REFUSED);
        throw this.gaveUp === undefined ? error : new Error(this.gaveUp);
      });
      await ready;
    } finally {
      this.refuseStart = undefined;
    }
    this.options.logger.info({ user: this.client.user?.username, application: this.options.appId }, 'discord: connected');
  }

  /** Leaves the gateway (no new interactions); replies still on their way are sent through REST. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.client.destroy();
    // destroy() drops the REST token too; a class quiz's channel posts still in the outbox need it.
    this.client.rest.setToken(this.options.token);
  }

  /** For /healthz: the gateway is connected and ready (discord.js reconnects by itself after a drop). */
  health(): ComponentHealth {
    if (this.stopping) return { ok: false, state: 'stopped' };
    const status = this.client.ws.status;
    return status === Status.Ready ? { ok: true, state: 'gateway ready' } : { ok: false, state: `gateway ${Status[status] ?? status}` };
  }

  private giveUp(reason: string): void {
    if (this.stopping || this.gaveUp !== undefined) return;
    this.gaveUp = reason;
    if (this.refuseStart) this.refuseStart(new Error(reason));
    else if (this.options.onFatal) this.options.onFatal(reason);
    else this.options.logger.error({ reason }, 'discord: gateway stopped');
  }

  /**
   * The outbox handler: streamed updates (best effort) and final replies. A delivery answering the interaction it
   * came from uses its token; one under a new correlation id (a class quiz's question, reveal, leaderboard), or
   * after the token's 15 minutes, is posted in the channel with the bot token.
   */
  async deliver(delivery: Delivery): Promise<void> {
    const { correlationId: key, userId } = delivery.address;
    const route = fromRoute(delivery.address.route);
    if (!route) {
      this.options.logger.warn({ correlationId: key }, 'discord: a reply without an interaction or channel to answer');
      return;
    }
    const reply = delivery.reply;
    if (delivery.final && reply.directMessage) return this.deliverPrivately(key, userId, route, reply);
    const target = deliveryTarget(route, key, reply, this.now());
    if (!target) {
      this.options.logger.warn({ correlationId: key, mode: route.mode }, 'discord: nowhere to send this reply (no live interaction, and no channel the bot may post in)');
      return;
    }
    if (delivery.final) {
      await this.sender.final(key, target, reply);
      return;
    }
    // Not awaited: an update waits for its turn in the stream, and must not hold an outbox slot meanwhile.
    void this.sender.update(key, target, reply, 'stream', updateOrder(delivery));
  }

  /**
   * `/quiz results`: the reply (the CSV) goes to the asker's DMs; the deferred "thinking…" (private) is removed.
   * Where DMs are closed (Discord answers 50007) it is answered ephemerally in the interaction instead.
   */
  private async deliverPrivately(key: string, userId: string, route: DiscordRoute, reply: Reply): Promise<void> {
    const direct: Reply = { ...reply, directMessage: undefined, askerOnly: undefined };
    // Where the bot is not a member, the interaction is the only way to the asker (no bot-token message).
    const dm = route.tokenOnly ? undefined : await this.sender.openDm(userId);
    if (dm && (await this.sender.final(`${key}-dm`, { mode: 'channel', ephemeral: false, channelId: dm }, direct)) === 'sent') {
      if (route.token && route.mode === 'reply' && tokenUsable(route, key, this.now())) await this.sender.deleteOriginal(route.token);
      return;
    }
    if (!route.token || !tokenAlive(route, this.now())) {
      this.options.logger.warn({ correlationId: key }, 'discord: a private reply could not reach the asker (DMs closed, interaction expired)');
      return;
    }
    const ephemeral: DiscordRoute = tokenUsable(route, key, this.now()) ? { ...route, ephemeral: true } : { ...route, mode: 'followup', ephemeral: true };
    await this.sender.final(key, ephemeral, direct);
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await this.onCommand(interaction);
      else if (interaction.isAutocomplete()) await this.onAutocomplete(interaction);
      else if (interaction.isButton()) await this.onButton(interaction);
    } catch (error) {
      this.options.logger.error(describeError(error), 'discord: an interaction failed');
    }
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const invocation = invocationOf(interaction);
    const ephemeral = isPrivateReply(this.tutor.commands, invocation);
    // First the deferral, before any await on state, queues or downloads: Discord drops interactions not answered in 3 s.
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const correlationId = newCorrelationId();
    const route: DiscordRoute = { token: interaction.token, mode: 'reply', ephemeral, ...placeOf(interaction), answers: correlationId, issuedAt: this.now() };
    if (wantsQuizThread(invocation, interaction.guildId, route)) {
      const locale = await this.tutor.localeFor(invocation).catch(() => 'en' as const);
      route.threadId = await this.threads.open(interaction.token, route.channelId!, t(locale, 'classQuiz.threadName'));
    }
    const withFiles = await this.withAttachments(interaction, invocation);
    if ('reply' in withFiles) {
      await this.sender.final(`command-${interaction.id}`, route, withFiles.reply);
      return;
    }
    await this.dispatch(withFiles, route, `command-${interaction.id}`, correlationId);
  }

  /** The attached files' bytes in place of their names and sizes; an error reply when a download fails. */
  private async withAttachments(interaction: ChatInputCommandInteraction, invocation: TypedInvocation): Promise<TypedInvocation | { reply: Reply }> {
    const attached = attachmentsOf(interaction);
    if (attached.length === 0) return invocation;
    // Rights, chat and upload rate first: a file nobody may import here is never downloaded.
    const refused = await this.tutor.admitFile(invocation);
    if (refused) return { reply: refused };
    const args = { ...invocation.args };
    const origins = this.options.attachmentOrigins ?? DISCORD_ATTACHMENT_ORIGINS;
    const timeoutMs = this.options.attachmentTimeoutMs ?? ATTACHMENT_DOWNLOAD_TIMEOUT_MS;
    try {
      for (const { option, file } of attached) args[option] = await attachmentValue(file, { origins, timeoutMs });
    } catch (error) {
      this.options.logger.warn({ reason: error instanceof AttachmentDownloadError ? error.reason : 'failed' }, 'discord: an attached file could not be fetched');
      const locale = await this.tutor.localeFor(invocation).catch(() => 'en' as const);
      return { reply: errorReply(invocation.command, locale, new UserError('timeout')) };
    }
    return { ...invocation, args };
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    const asker = askerOf(interaction);
    const base = { token: interaction.token, ...placeOf(interaction), issuedAt: this.now() };
    // A late answer is deferred: privately when it is a quiz answer, else a deferred update (no visible change).
    let deferral: { mode: 'reply' | 'followup'; sent: Promise<unknown> } | undefined;
    let atEdge = false;
    const late = setTimeout(() => {
      const mode = atEdge ? 'reply' : 'followup';
      const sent = (atEdge ? interaction.deferReply({ flags: MessageFlags.Ephemeral }) : interaction.deferUpdate()).catch((error: unknown) => {
        this.options.logger.warn(describeError(error), 'discord: a late deferral failed');
      });
      deferral = { mode, sent };
    }, this.options.edgeAnswerBudgetMs ?? EDGE_ANSWER_BUDGET_MS);
    try {
      const read = await this.tutor.readButton({ buttonId: interaction.customId, ...asker });
      if (!('reply' in read) && this.tutor.answersAtEdge(read)) {
        atEdge = true;
        return await this.answerAtEdge(interaction, read, base, () => deferral, () => clearTimeout(late));
      }
      clearTimeout(late);
      // Acknowledged without a visible change; the reply comes in new messages.
      if (!deferral) await interaction.deferUpdate();
      else await deferral.sent;
      const followup = { ...base, mode: 'followup' as const };
      if ('reply' in read) {
        await this.sender.final(`button-${interaction.id}`, { ...followup, ephemeral: true }, read.reply);
        return;
      }
      const ephemeral = isEphemeralMessage(interaction.message) || repliesPrivately(this.tutor.commands, read);
      const correlationId = newCorrelationId();
      await this.dispatch(read, { ...followup, ephemeral, answers: correlationId }, `button-${interaction.id}`, correlationId);
    } finally {
      clearTimeout(late);
    }
  }

  /**
   * A class quiz's Join / answer button: recorded at the edge, then its acknowledgement answers the press itself —
   * one ephemeral callback (type 4), no "thinking…" and nothing in the channel. If the budget ran out first, the
   * press was deferred and the acknowledgement edits that deferral.
   */
  private async answerAtEdge(
    interaction: ButtonInteraction,
    invocation: TypedInvocation,
    base: Pick<DiscordRoute, 'token' | 'channelId' | 'tokenOnly' | 'issuedAt'>,
    deferral: () => { mode: 'reply' | 'followup'; sent: Promise<unknown> } | undefined,
    stopTimer: () => void,
  ): Promise<void> {
    const correlationId = newCorrelationId();
    // The route for a reply that comes through the outbox after all (a core that queued it): an ephemeral deferral.
    const late = deferral();
    const route: DiscordRoute = { ...base, mode: late?.mode ?? 'reply', ephemeral: true, answers: correlationId };
    const outcome: Dispatch = await this.tutor.dispatch(invocation, { correlationId, route: toRoute(route) });
    stopTimer();
    const deferred = deferral();
    if (!deferred && outcome.kind === 'answered') {
      const rows = buttonRows(outcome.reply.buttons);
      await interaction.reply({
        content: renderParts(outcome.reply.text)[0]!,
        flags: EPHEMERAL_FLAG | SUPPRESS_EMBEDS_FLAG,
        allowedMentions: NO_MENTIONS,
        ...(rows.length > 0 ? { components: rows } : {}),
      });
      return;
    }
    if (!deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    else await deferred.sent;
    const answered: DiscordRoute = { ...route, mode: deferred?.mode ?? 'reply' };
    if (outcome.kind === 'answered') await this.sender.final(`button-${interaction.id}`, answered, outcome.reply);
    // Queued: the reply arrives through the outbox, addressed with `route` (an ephemeral deferral, as sent).
  }

  private async dispatch(invocation: TypedInvocation, route: DiscordRoute, answerKey: string, correlationId: string): Promise<void> {
    const outcome = await this.tutor.dispatch(invocation, { correlationId, route: toRoute(route) });
    if (outcome.kind === 'answered') {
      await this.sender.final(answerKey, route, outcome.reply);
      return;
    }
    if (outcome.notice) void this.sender.update(outcome.correlationId, route, outcome.notice, 'notice');
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const command = this.tutor.commands.find((candidate) => candidate.name === interaction.commandName);
    const subcommand = interaction.options.getSubcommand(false);
    const options = subcommand ? (command?.subcommands?.find((candidate) => candidate.name === subcommand)?.options ?? []) : (command?.options ?? []);
    const option = options.find((candidate) => candidate.name === focused.name);
    if (!option || option.type !== 'string' || option.autocomplete !== 'topic') {
      await interaction.respond([]);
      return;
    }
    const locale = await this.tutor.localeFor(askerOf(interaction)).catch(() => 'en' as const);
    await interaction.respond(this.tutor.suggestTopics(String(focused.value), locale));
  }
}

/** A message's flags: a BitField on cached messages, the raw number when discord.js did not cache the channel. */
function isEphemeralMessage(message: { flags: unknown }): boolean {
  const flags = message.flags;
  const bits = typeof flags === 'number' ? flags : Number((flags as { bitfield?: unknown } | null)?.bitfield ?? 0);
  return (bits & MessageFlags.Ephemeral) !== 0;
}
