import type { ChatRef, RawArg } from './invocation.js';
import { langOf, type Locale } from './locale.js';
import type { Localized, OptionSpec } from './options.js';

/** Cheap jobs never wait behind model jobs: each queue has its own workers. */
export const QUEUE_NAMES = ['fast', 'model'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * How the app can be installed (Discord's integration types): `guild` — added to a server, the bot is a member
 * there and may post on its own; `user` — added by a person to their account, usable in any DM or group DM, and in
 * servers that never added the bot, where it can only answer that person's interactions.
 */
export const APP_INSTALLS = ['guild', 'user'] as const;
export type AppInstall = (typeof APP_INSTALLS)[number];

/** Where a command is offered (Discord's interaction contexts): a server, the DM with the bot, a group DM or other DM. */
export const COMMAND_CONTEXTS = ['guild', 'bot_dm', 'private_channel'] as const;
export type CommandContext = (typeof COMMAND_CONTEXTS)[number];

/**
 * Who may run a command or sub-command, where, and how it is answered: declared beside it, read by the edge
 * (tutor.ts) and by adapters, so no adapter names a command. A sub-command's policy adds to its command's.
 */
export interface CommandPolicy {
  /** Only in a group chat or a server; elsewhere refused with this error (checked at the edge, before any download). */
  groupOnly?: 'import_group_only';
  /** Only the group's admins (`UserRef.chatAdmin`), refused at the edge before its options are read. */
  adminsOnly?: boolean;
  /**
   * The handler decides by whether the asker is a group admin (a class quiz's starter or an admin may stop it), so
   * adapters that must ask the platform (Telegram's getChatMember) do so for it. A function: only for these raw
   * arguments (`/lang zh group`). `adminsOnly` implies it.
   */
  needsAdminStatus?: boolean | ((args: Readonly<Record<string, RawArg>>) => boolean);
  /**
   * `edge`: answered at once by the adapter's process, without a queue (a class quiz's Join and answer buttons, which
   * must be counted once and acknowledged at once; its reply is private). Default: by a worker.
   */
  answeredAt?: 'worker' | 'edge';
  /** `private`: only the asker sees the reply (their own settings and data; a quiz's results for the teacher). */
  reply?: 'public' | 'private';
  /**
   * The installs it works under (default: both). Only `guild` where it needs the bot present: a class quiz posts its
   * questions itself, and a server's settings are the server's. Under a user install it is refused at the edge
   * (`needs_guild_install`). A function: only for these raw arguments (`/lang zh group`). On a command it also sets
   * Discord's registration (a sub-command cannot be registered apart from its command, so it is only refused).
   */
  installs?: readonly AppInstall[] | ((args: Readonly<Record<string, RawArg>>) => readonly AppInstall[]);
}

export interface SubcommandDefinition<N extends string = string, Opts extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: N;
  description: Localized;
  options: Opts;
  /** Reached by buttons only (an answer, "next question"): left out of menus, help and registration. */
  hidden?: boolean;
  /** Run only as a job the tutor schedules itself (a timer): refused when a user types or forges it. */
  internal?: boolean;
  /** False while this part of the command is not built (left out of menus; typing it gets an honest "not yet"). */
  available?: boolean;
  policy?: CommandPolicy;
}

/** One slash command: what platforms register and show, how its options are checked, and where its job goes. */
export interface CommandDefinition<
  N extends string = string,
  Opts extends readonly OptionSpec[] = readonly OptionSpec[],
  Subs extends readonly SubcommandDefinition[] = readonly SubcommandDefinition[],
> {
  name: N;
  description: Localized;
  /** Options of a command without sub-commands. */
  options: Opts;
  subcommands?: Subs;
  /** The sub-command a bare command (or an unknown first word) means, e.g. `/quiz attention` = `/quiz practice attention`. */
  defaultSubcommand?: Subs[number]['name'];
  /** Lets a command reinterpret a sub-command by chat, e.g. a class quiz `start` in a private chat is practice. */
  routeSubcommand?: (subcommand: string, chat: ChatRef) => string;
  /** Which queue its job runs on. */
  queue: QueueName;
  /** False while the capability is not built: hidden from menus, and typing it gets an honest "not yet". */
  available: boolean;
  policy?: CommandPolicy;
  /** Reached by replies and buttons only (a follow-up question): left out of menus, help and registration. */
  hidden?: boolean;
  /** A line typed without a slash is this command, the whole line its `rest` option (/explain: a question). */
  takesPlainText?: boolean;
  /** Where Discord offers it (default: everywhere). Registration derives `contexts` from it. */
  contexts?: readonly CommandContext[];
  /** A typed example shown when a required option is missing and in /help: per language, or one for both. */
  example: string | Localized;
}

/** The sub-commands people are offered: in menus, /help and platform registration. */
export function listedSubcommands(command: CommandDefinition): readonly SubcommandDefinition[] {
  return (command.subcommands ?? []).filter((subcommand) => !subcommand.hidden && subcommand.available !== false);
}

/** The options that apply to an invocation: the sub-command's, or the command's own. */
export function optionsFor(command: CommandDefinition, subcommand: string | undefined): readonly OptionSpec[] {
  if (!command.subcommands) return command.options;
  return command.subcommands.find((candidate) => candidate.name === subcommand)?.options ?? [];
}

/** The command's example in the reader's language (a Chinese reader sees a Chinese prompt). */
export function exampleFor(command: Pick<CommandDefinition, 'example'>, locale: Locale): string {
  return typeof command.example === 'string' ? command.example : command.example[langOf(locale)];
}

/** The command of that name in the list (names are matched as typed, in any case). */
export function findCommand<C extends CommandDefinition>(commands: readonly C[], name: string): C | undefined {
  const wanted = name.toLowerCase();
  return commands.find((command) => command.name === wanted);
}

/**
 * The policy an invocation runs under: its command's, with its sub-command's (a bare command: its default
 * sub-command's) on top. Unknown command: no policy (the edge refuses it anyway).
 */
export function policyOf(commands: readonly CommandDefinition[], invocation: { command: string; subcommand?: string | undefined }): CommandPolicy {
  const command = findCommand(commands, invocation.command);
  if (!command) return {};
  const wanted = invocation.subcommand?.toLowerCase() ?? command.defaultSubcommand;
  const subcommand = command.subcommands?.find((candidate) => candidate.name === wanted);
  return { ...command.policy, ...subcommand?.policy };
}

/** Whether the handler needs `UserRef.chatAdmin` for this invocation (an adapter that must ask the platform does). */
export function needsAdminStatus(policy: CommandPolicy, args: Readonly<Record<string, RawArg>>): boolean {
  if (policy.adminsOnly) return true;
  return typeof policy.needsAdminStatus === 'function' ? policy.needsAdminStatus(args) : policy.needsAdminStatus === true;
}

/** Whether the policy lets an invocation run in this chat: a chat the app reaches only by a user install needs `user`. */
export function allowedInstall(policy: CommandPolicy, invocation: { args: Readonly<Record<string, RawArg>>; chat: ChatRef }): boolean {
  if (invocation.chat.install !== 'user' || !policy.installs) return true;
  const installs = typeof policy.installs === 'function' ? policy.installs(invocation.args) : policy.installs;
  return installs.includes('user');
}

/** The installs a command is registered for: its own policy's when fixed, else all (its sub-commands refuse at the edge). */
export function registeredInstalls(command: CommandDefinition): readonly AppInstall[] {
  const installs = command.policy?.installs;
  return installs && typeof installs !== 'function' ? installs : APP_INSTALLS;
}

/** Where a line typed without a slash goes: the command that takes plain text, and its `rest` option. */
export function plainTextTarget(commands: readonly CommandDefinition[]): { command: string; option: string } | undefined {
  for (const command of commands) {
    if (!command.takesPlainText) continue;
    const rest = command.options.find((option) => option.type === 'string' && option.rest);
    if (rest) return { command: command.name, option: rest.name };
  }
  return undefined;
}
