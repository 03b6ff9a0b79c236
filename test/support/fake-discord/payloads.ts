/**
 * INTERACTION_CREATE payloads as Discord sends them (API v10): slash commands with options, sub-commands and groups,
 * autocomplete with a focused option, button presses; in a guild (member, permissions, guild_locale), a DM, or a
 * group DM, authorized by the server's install or the user's own (`authorizing_integration_owners`).
 * The server adds id, token, application_id and the fields discord.js requires.
 */
import { InteractionKind } from './types.js';

/** Permission bits (as Discord sends them: a decimal string). */
export const Permission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
  UseApplicationCommands: 1n << 31n,
} as const;

export const MEMBER_PERMISSIONS = String(Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands);
export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | Permission.ManageGuild);

export interface Who {
  id?: string;
  username?: string;
  /** The user's client language (`interaction.locale`), e.g. zh-CN, zh-TW, en-US. */
  locale?: string;
}

export interface Where {
  /** In a guild; omitted: a DM with the bot (or, with `groupDm`, a group DM). */
  guild?: { id?: string; locale?: string; permissions?: string } | undefined;
  channelId?: string;
  /**
   * Which install of the app authorized the interaction. `guild` (the default in a server): the server added the
   * bot. `user`: only the asker's own install — in a server, one that has not added the bot.
   */
  install?: 'guild' | 'user';
  /** A group DM (context 2, PRIVATE_CHANNEL): only a user install reaches it; no guild. */
  groupDm?: boolean;
}

/** An option value; the type is inferred (string 3, integer 4, number 10, boolean 5) unless given. */
export type OptionValue = string | number | boolean | { value: string | number | boolean; type: number };

export interface CommandSpec extends Who, Where {
  name: string;
  group?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  commandId?: string;
  /** Files attached to attachment options (from `fake.hostFile`): the option carries the id, `resolved` the file. */
  attachments?: Record<string, Record<string, unknown>>;
}

/** Discord's attachment option type: the option's value is the attachment id, resolved in `data.resolved`. */
export const ATTACHMENT_OPTION = 11;

const DEFAULT_USER_ID = '100000000000000001';
const DEFAULT_GUILD_ID = '200000000000000001';
const DEFAULT_CHANNEL_ID = '300000000000000001';
const DEFAULT_DM_CHANNEL_ID = '300000000000000099';
const DEFAULT_GROUP_DM_CHANNEL_ID = '300000000000000088';

function optionType(value: OptionValue): number {
  if (typeof value === 'object') return value.type;
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

function valueOptions(options: Record<string, OptionValue>, focused?: string): Record<string, unknown>[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: optionType(value),
    value: typeof value === 'object' ? value.value : value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

function commandData(spec: CommandSpec, focused?: string): Record<string, unknown> {
  const attached = Object.entries(spec.attachments ?? {});
  let options = [...valueOptions(spec.options ?? {}, focused), ...attached.map(([name, file]) => ({ name, type: ATTACHMENT_OPTION, value: String(file['id']) }))];
  const resolved = attached.length > 0 ? { resolved: { attachments: Object.fromEntries(attached.map(([, file]) => [String(file['id']), file])) } } : {};
  if (spec.subcommand) options = [{ name: spec.subcommand, type: 1, options }];
  if (spec.group) options = [{ name: spec.group, type: 2, options }];
  return { id: spec.commandId ?? '400000000000000001', name: spec.name, type: 1, options, ...resolved };
}

/** Who and where, as Discord puts it: `member` + `guild_id` + `guild_locale` in a guild, `user` in a DM. */
function context(spec: Who & Where): Record<string, unknown> {
  const user = { id: spec.id ?? DEFAULT_USER_ID, username: spec.username ?? 'student', discriminator: '0', global_name: spec.username ?? 'Student', avatar: null };
  const locale = spec.locale ?? 'en-US';
  if (spec.groupDm) {
    // A group DM (channel type 3) the bot is not in: Discord sends the channel with its recipients, no guild.
    const channelId = spec.channelId ?? DEFAULT_GROUP_DM_CHANNEL_ID;
    const friend = { id: '100000000000000077', username: 'classmate', discriminator: '0', global_name: 'Classmate', avatar: null };
    const channel = { id: channelId, type: 3, name: null, icon: null, owner_id: user.id, recipients: [user, friend], last_message_id: null, flags: 0 };
    return { user, locale, channel, channel_id: channelId, context: 2, authorizing_integration_owners: { '1': user.id } };
  }
  if (!spec.guild) {
    const channelId = spec.channelId ?? DEFAULT_DM_CHANNEL_ID;
    // The bot's own DM: a user install names the user; a server install names "0" (no server) — either way the bot is in it.
    const owners = spec.install === 'guild' ? { '0': '0' } : { '1': user.id };
    return { user, locale, channel: { id: channelId, type: 1, recipients: [user] }, channel_id: channelId, context: 1, authorizing_integration_owners: owners };
  }
  const guildId = spec.guild.id ?? DEFAULT_GUILD_ID;
  const channelId = spec.channelId ?? DEFAULT_CHANNEL_ID;
  return {
    member: { user, roles: [], permissions: spec.guild.permissions ?? MEMBER_PERMISSIONS, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false },
    guild_id: guildId,
    guild_locale: spec.guild.locale ?? 'en-US',
    guild: { id: guildId, locale: spec.guild.locale ?? 'en-US', features: [] },
    locale,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'general', nsfw: false, position: 0, permission_overwrites: [] },
    channel_id: channelId,
    context: 0,
    // A server that added the bot names itself; one reached through the asker's install names only them.
    authorizing_integration_owners: spec.install === 'user' ? { '1': user.id } : { '0': guildId },
  };
}

export function slashCommand(spec: CommandSpec): Record<string, unknown> {
  return { type: InteractionKind.Command, data: commandData(spec), ...context(spec) };
}

/** The user is typing in option `focused`; the other options carry what is filled in so far. */
export function autocomplete(spec: CommandSpec & { focused: string }): Record<string, unknown> {
  return { type: InteractionKind.Autocomplete, data: commandData(spec, spec.focused), ...context(spec) };
}

export interface ButtonSpec extends Who, Where {
  customId: string;
  /** The message the button sits on (defaults to a bot message with just this button). */
  message?: Record<string, unknown>;
  appId?: string;
}

export function buttonPress(spec: ButtonSpec): Record<string, unknown> {
  const where = context(spec);
  const channelId = String(where['channel_id']);
  const message = spec.message ?? {
    id: '500000000000000001',
    channel_id: channelId,
    type: 20,
    content: 'an earlier reply',
    author: { id: spec.appId ?? '600000000000000001', username: 'gpt-tutor', discriminator: '0', bot: true, avatar: null },
    timestamp: '2024-01-01T00:00:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [{ type: 1, components: [{ type: 2, style: 2, label: 'button', custom_id: spec.customId }] }],
  };
  return { type: InteractionKind.Component, data: { custom_id: spec.customId, component_type: 2 }, message, ...where };
}
