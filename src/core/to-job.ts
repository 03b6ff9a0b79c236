/**
 * A typed invocation checked against its command's definition and made a job: the command and sub-command exist and
 * are available, the policy allows this chat and person, every option is declared, coerced and in range, and the
 * required ones are there. Every refusal is a UserError the asker reads in their language.
 */
import { speaksAsOtherChat } from './chat-identity.js';
import { allowedInstall, exampleFor, findCommand, listedSubcommands, needsAdminStatus, optionsFor, policyOf, type CommandDefinition, type QueueName } from './command.js';
import { UserError } from './errors.js';
import type { RawArg, TypedInvocation } from './invocation.js';
import type { TutorJob } from './jobs.js';
import type { Locale } from './locale.js';
import { coerceOption } from './options.js';
import { quoteUserText } from './reply-format.js';

export function toJob(commands: readonly CommandDefinition[], invocation: TypedInvocation, locale: Locale): { queue: QueueName; job: Omit<TutorJob, 'address'> } {
  const command = knownCommand(commands, invocation);
  const subcommand = subcommandOf(command, invocation);
  if (!command.available) throw new UserError('not_available', { command: command.name });
  if (invocation.unparsed) throw new UserError('unexpected_text', { command: command.name, text: quoteUserText(invocation.unparsed, 40) });
  if (invocation.repeated) throw new UserError('option_repeated', { option: quoteUserText(invocation.repeated, 32) });

  checkPolicy(command, subcommand, invocation);
  const options = optionsFor(command, subcommand);
  const args: Record<string, string | number> = {};
  for (const [key, raw] of Object.entries(invocation.args) as [string, RawArg][]) {
    const option = options.find((candidate) => candidate.name === key);
    // A sub-command reinterpreted for this chat (a class quiz `start` in a private chat is practice) keeps only
    // the options that still mean something.
    if (!option && subcommand !== (invocation.subcommand?.toLowerCase() ?? command.defaultSubcommand)) continue;
    if (!option) throw new UserError('unexpected_text', { command: command.name, text: quoteUserText(`${key}:${String(raw)}`, 40) });
    const value = coerceOption(option, raw);
    if (value !== undefined) args[key] = value;
  }
  for (const option of options) {
    if (option.required && args[option.name] === undefined) {
      if (option.type === 'attachment') throw new UserError('file_required');
      throw new UserError('option_required', { command: command.name, option: option.name, example: exampleFor(command, locale) });
    }
  }
  const context = { user: invocation.user, chat: invocation.chat, platform: invocation.platform, locale };
  return { queue: command.queue, job: { command: command.name, subcommand, args, context } };
}

/** The command and sub-command exist and their policy lets this person run them here (before a file is fetched). */
export function admitCommand(commands: readonly CommandDefinition[], invocation: TypedInvocation): void {
  const command = knownCommand(commands, invocation);
  checkPolicy(command, subcommandOf(command, invocation), invocation);
}

/** The invocation's command, or `unknown_command` naming what was typed (quoted, bounded). */
function knownCommand(commands: readonly CommandDefinition[], invocation: TypedInvocation): CommandDefinition {
  const command = findCommand(commands, invocation.command);
  if (!command) throw new UserError('unknown_command', { command: quoteUserText(invocation.command, 32) });
  return command;
}

/** The command's and sub-command's policy (command.ts): where it may run and who may, before anything else is read. */
function checkPolicy(command: CommandDefinition, subcommand: string | undefined, invocation: TypedInvocation): void {
  const policy = policyOf([command], { command: command.name, subcommand });
  if (policy.groupOnly && invocation.chat.kind !== 'group') throw new UserError(policy.groupOnly);
  // Before the admin check: without the bot in this chat, nobody's rights make it work.
  if (!allowedInstall(policy, invocation)) throw new UserError('needs_guild_install', { command: subcommand ? `${command.name} ${subcommand}` : command.name });
  // Someone writing as a channel (Telegram's "send as" another chat) holds no rights in this group, whoever they are.
  if (invocation.chat.kind === 'group' && needsAdminStatus(policy, invocation.args) && speaksAsOtherChat(invocation)) throw new UserError('sent_as_channel', { command: command.name });
  if (policy.adminsOnly && !invocation.user.chatAdmin) throw new UserError('admins_only');
}

function subcommandOf(command: CommandDefinition, invocation: TypedInvocation): string | undefined {
  if (!command.subcommands) return undefined;
  const wanted = invocation.subcommand?.toLowerCase() ?? command.defaultSubcommand;
  const found = command.subcommands.find((candidate) => candidate.name === wanted);
  if (!wanted || !found || found.internal) {
    const choices = listedSubcommands(command).map((candidate) => candidate.name);
    throw new UserError('unknown_subcommand', { command: command.name, subcommand: quoteUserText(wanted ?? '', 32), choices: choices.join(', ') });
  }
  const routed = command.routeSubcommand ? command.routeSubcommand(wanted, invocation.chat) : wanted;
  if (command.subcommands.find((candidate) => candidate.name === routed)?.available === false) {
    throw new UserError('not_available', { command: `${command.name} ${routed}` });
  }
  return routed;
}
