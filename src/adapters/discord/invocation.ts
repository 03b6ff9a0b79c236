/**
 * Discord interactions → core invocations, synchronously (nothing here waits, so the deferral can go out at once):
 * who asked and where, the command with its options, and whether its reply is private (decided before deferring,
 * since Discord fixes a reply's ephemerality at the deferral).
 */
import { allowedInstall, policyOf, type CommandDefinition } from '../../core/command.js';
import { isUserError } from '../../core/errors.js';
import type { RawArg } from '../../core/invocation.js';
import { parseLocaleTag } from '../../core/locale.js';
import { coerceOption } from '../../core/options.js';
import type { Asker, TypedInvocation } from '../../core/tutor.js';
import { placeholderValue, type AttachmentSource } from './attachments.js';
import { botIsPresent, InteractionContext, type ReachSource } from './reach.js';

/** Manage Server: who may set a server's default language (`/lang … scope:group`). */
export const MANAGE_GUILD_PERMISSION = 1n << 5n;

const OPTION_SUBCOMMAND = 1;
const OPTION_GROUP = 2;
const OPTION_ATTACHMENT = 11;

/** The parts of a discord.js interaction this mapping reads (its structures fit this shape). */
export interface InteractionSource extends ReachSource {
  user: { id: string; username: string; globalName: string | null };
  locale: string;
  guildLocale: string | null;
  memberPermissions: { has(permission: bigint): boolean } | null;
}

export interface OptionSource {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly OptionSource[] | undefined;
  /** An attachment option's file, resolved by discord.js from `data.resolved.attachments`. */
  attachment?: AttachmentSource | null | undefined;
}

export interface CommandSource extends InteractionSource {
  commandName: string;
  options: { data: readonly OptionSource[] };
}

/**
 * In a server: the channel is the chat, the server holds its settings and default language. In the DM with the bot:
 * private. A group DM, or a DM between two people (context 2, reached only through a user install): a group of its
 * own, whose replies everyone there sees.
 * Where the bot is not a member, the chat says so (`install: 'user'`), and the core refuses what needs the bot there.
 */
export function askerOf(source: InteractionSource): Asker {
  const user = {
    id: source.user.id,
    displayName: source.user.globalName ?? source.user.username,
    locale: source.locale,
    chatAdmin: source.memberPermissions?.has(MANAGE_GUILD_PERMISSION) ?? false,
  };
  const install = botIsPresent(source) ? {} : { install: 'user' as const };
  if (!source.guildId) {
    if (source.context === InteractionContext.PrivateChannel && source.channelId) return { user, chat: { id: source.channelId, kind: 'group', ...install }, platform: 'discord' };
    return { user, chat: { id: source.channelId ?? `dm-${source.user.id}`, kind: 'private', ...install }, platform: 'discord' };
  }
  return {
    user,
    chat: { id: source.channelId ?? source.guildId, kind: 'group', settingsId: source.guildId, defaultLocale: parseLocaleTag(source.guildLocale), ...install },
    platform: 'discord',
  };
}

/** The sub-command (groups flattened: the tutor has none) and the options given to it. */
function leafOptions(source: CommandSource): { subcommand: string | undefined; options: readonly OptionSource[] } {
  let options = source.options.data;
  let subcommand: string | undefined;
  const group = options.find((option) => option.type === OPTION_GROUP);
  if (group) options = group.options ?? [];
  const nested = options.find((option) => option.type === OPTION_SUBCOMMAND);
  if (nested) {
    subcommand = nested.name;
    options = nested.options ?? [];
  }
  return { subcommand, options };
}

/**
 * A slash command as the core reads it: sub-command and option values. An attachment option's value is Discord's
 * attachment id; here it becomes the file's name and size (enough for the pure checks before the deferral), and
 * the adapter puts the downloaded bytes in after deferring (`attachmentsOf`).
 */
export function invocationOf(source: CommandSource): TypedInvocation {
  const { subcommand, options } = leafOptions(source);
  const args: Record<string, RawArg> = {};
  for (const option of options) {
    if (option.type === OPTION_ATTACHMENT) {
      if (option.attachment) args[option.name] = placeholderValue(option.attachment);
    } else if (option.value !== undefined) {
      args[option.name] = option.value;
    }
  }
  return { ...askerOf(source), command: source.commandName, subcommand, args };
}

/** The files attached to a slash command, by option name. */
export function attachmentsOf(source: CommandSource): { option: string; file: AttachmentSource }[] {
  return leafOptions(source)
    .options.filter((option) => option.type === OPTION_ATTACHMENT && option.attachment)
    .map((option) => ({ option: option.name, file: option.attachment! }));
}

/**
 * Whether the core will surely refuse this invocation (unknown command, bad option, missing required option): the
 * same pure checks the core makes, so an error can be deferred as private. Limits that need state (rate, queue
 * depth) are found later; their error then replaces a public deferral with a private message.
 */
export function surelyRefused(commands: readonly CommandDefinition[], invocation: TypedInvocation): boolean {
  const command = commands.find((candidate) => candidate.name === invocation.command.toLowerCase());
  if (!command || !command.available) return true;
  let options = command.options;
  if (command.subcommands) {
    const wanted = invocation.subcommand ?? command.defaultSubcommand;
    const routed = wanted && command.routeSubcommand ? command.routeSubcommand(wanted, invocation.chat) : wanted;
    const subcommand = command.subcommands.find((candidate) => candidate.name === routed);
    if (!subcommand || (subcommand as { available?: boolean }).available === false) return true;
    options = subcommand.options;
  }
  if (!allowedInstall(policyOf(commands, invocation), invocation)) return true;
  try {
    const given = new Set<string>();
    for (const [name, raw] of Object.entries(invocation.args)) {
      const option = options.find((candidate) => candidate.name === name);
      if (!option) return true;
      if (coerceOption(option, raw) !== undefined) given.add(name);
    }
    return options.some((option) => option.required && !given.has(option.name));
  } catch (error) {
    if (isUserError(error)) return true;
    throw error;
  }
}

/**
 * Whether the command's policy keeps its reply to the asker (`reply: 'private'`: their own settings and data, a
 * class quiz's results for the teacher): ephemeral even in a server channel.
 */
export function repliesPrivately(commands: readonly CommandDefinition[], invocation: Pick<TypedInvocation, 'command' | 'subcommand'>): boolean {
  return policyOf(commands, invocation).reply === 'private';
}

/** Private when its policy says so, or when it will be an error (nobody else needs to see it). */
export function isPrivateReply(commands: readonly CommandDefinition[], invocation: TypedInvocation): boolean {
  return repliesPrivately(commands, invocation) || surelyRefused(commands, invocation);
}
