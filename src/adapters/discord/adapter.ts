/**
 * The tutor on Discord (discord.js v14, Guilds intent only: interactions need no privileged intents).
 * A slash command is checked synchronously, deferred at once (privately for errors and personal answers), then
 * dispatched; its reply arrives through the outbox (`deliver`) and edits the deferred response. A button press is
 * acknowledged with a deferred update and answered in new messages. Autocomplete offers topics in both languages.
 */
import { Client, GatewayIntentBits, MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Delivery } from '../../core/delivery.js';
import { suggestTopics } from '../../core/lessons/suggest.js';
import type { Logger } from '../../core/ports.js';
import type { Tutor } from '../../core/tutor.js';
import type { ThrottleClock } from '../chat/stream-throttle.js';
import { askerOf, invocationOf, isPrivateReply, PRIVATE_COMMANDS } from './invocation.js';
import { NO_MENTIONS } from './render.js';
import { fromRoute, toRoute, type DiscordRoute } from './route.js';
import { describeError, DiscordSender } from './sender.js';

/** The outbox this adapter's replies arrive in: pass it to `runtime.serve('discord', DISCORD_OUTBOX, …)`. */
export const DISCORD_OUTBOX = 'outbox-discord';

export interface DiscordAdapterOptions {
  token: string;
  appId: string;
  /** DISCORD_REST_API: the REST base including /api (a shared rate-limit proxy, or a test fake). */
  restApi?: string | undefined;
  logger: Logger;
  /** Pace of streamed edits (default 1 s); tests shorten it. */
  editIntervalMs?: number;
  clock?: ThrottleClock;
}

export class DiscordAdapter {
  private readonly client: Client;
  private readonly sender: DiscordSender;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: DiscordAdapterOptions,
  ) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // Also the default for anything sent through discord.js's own helpers: nobody gets pinged by a reply.
      allowedMentions: NO_MENTIONS,
      ...(options.restApi ? { rest: { api: options.restApi } } : {}),
    });
    this.client.rest.setToken(options.token);
    this.sender = new DiscordSender({
      rest: this.client.rest,
      appId: options.appId,
      logger: options.logger,
      ...(options.editIntervalMs !== undefined ? { editIntervalMs: options.editIntervalMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.client.on('interactionCreate', (interaction) => void this.onInteraction(interaction));
    this.client.on('error', (error) => options.logger.warn(describeError(error), 'discord client error'));
  }

  /** Connects to the gateway; resolves once Discord says the bot is ready. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once('clientReady', () => resolve()));
    await this.client.login(this.options.token);
    await ready;
    this.options.logger.info({ user: this.client.user?.username, application: this.options.appId }, 'discord: connected');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /** The outbox handler: streamed updates (best effort) and final replies of this platform's commands. */
  async deliver(delivery: Delivery): Promise<void> {
    const route = fromRoute(delivery.address.route);
    if (!route) {
      this.options.logger.warn({ correlationId: delivery.address.correlationId }, 'discord: a reply without an interaction to answer');
      return;
    }
    const key = delivery.address.correlationId;
    if (delivery.final) return this.sender.final(key, route, delivery.reply);
    // Not awaited: an update waits for its turn in the stream, and must not hold an outbox slot meanwhile.
    void this.sender.update(key, route, delivery.reply);
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
    // First the deferral, before any await on state or queues: Discord drops interactions not answered in 3 s.
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const route: DiscordRoute = { token: interaction.token, mode: 'reply', ephemeral };
    await this.dispatch(invocation, route, `command-${interaction.id}`);
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    // Acknowledged without a visible change; what the button does is looked up after (a store read).
    await interaction.deferUpdate();
    const asker = askerOf(interaction);
    const read = await this.tutor.readButton({ buttonId: interaction.customId, ...asker });
    const onPrivateMessage = isEphemeralMessage(interaction.message);
    if ('reply' in read) {
      await this.sender.final(`button-${interaction.id}`, { token: interaction.token, mode: 'followup', ephemeral: true }, read.reply);
      return;
    }
    const ephemeral = onPrivateMessage || PRIVATE_COMMANDS.has(read.command);
    await this.dispatch(read, { token: interaction.token, mode: 'followup', ephemeral }, `button-${interaction.id}`);
  }

  private async dispatch(invocation: Parameters<Tutor['dispatch']>[0], route: DiscordRoute, answerKey: string): Promise<void> {
    const outcome = await this.tutor.dispatch(invocation, { route: toRoute(route) });
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
    await interaction.respond(suggestTopics(String(focused.value), locale));
  }
}

/** A message's flags: a BitField on cached messages, the raw number when discord.js did not cache the channel. */
function isEphemeralMessage(message: { flags: unknown }): boolean {
  const flags = message.flags;
  const bits = typeof flags === 'number' ? flags : Number((flags as { bitfield?: unknown } | null)?.bitfield ?? 0);
  return (bits & MessageFlags.Ephemeral) !== 0;
}
