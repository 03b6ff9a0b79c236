import type { ChatRef } from './invocation.js';
import { langOf, type Locale } from './locale.js';
import type { Localized, OptionSpec } from './options.js';

/** Cheap jobs never wait behind model jobs: each queue has its own workers. */
export const QUEUE_NAMES = ['fast', 'model'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface SubcommandDefinition<Opts extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  description: Localized;
  options: Opts;
  /** Reached by buttons only (an answer, "next question"): left out of menus, help and registration. */
  hidden?: boolean;
  /** Run only as a job the tutor schedules itself (a timer): refused when a user types or forges it. */
  internal?: boolean;
  /** False while this part of the command is not built (left out of menus; typing it gets an honest "not yet"). */
  available?: boolean;
  /**
   * Who may run it and where, checked at the edge before its options are read and before any attached file is
   * fetched: a refusal costs no download and no job.
   */
  policy?: SubcommandPolicy;
}

export interface SubcommandPolicy {
  /** Only in a group chat or a server; elsewhere refused with this error. */
  groupOnly?: 'import_group_only';
  /** Only the group's admins (`UserRef.chatAdmin`, which adapters fill in for such commands). */
  adminsOnly?: boolean;
}

/** One slash command: what platforms register and show, how its options are checked, and where its job goes. */
export interface CommandDefinition<Opts extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  description: Localized;
  /** Options of a command without sub-commands. */
  options: Opts;
  subcommands?: readonly SubcommandDefinition[];
  /** The sub-command a bare command (or an unknown first word) means, e.g. `/quiz attention` = `/quiz practice attention`. */
  defaultSubcommand?: string;
  /** Lets a command reinterpret a sub-command by chat, e.g. a class quiz `start` in a private chat is practice. */
  routeSubcommand?: (subcommand: string, chat: ChatRef) => string;
  /** Which queue its job runs on. */
  queue: QueueName;
  /** False while the capability is not built: hidden from menus, and typing it gets an honest "not yet". */
  available: boolean;
  /** A typed example shown when a required option is missing and in /help: per language, or one for both. */
  example: string | Localized;
}

export function defineCommand<const Opts extends readonly OptionSpec[]>(definition: CommandDefinition<Opts>): CommandDefinition<Opts> {
  return definition;
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
