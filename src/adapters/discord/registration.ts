/**
 * The slash commands Discord shows, built from commands/ (the single source): English names and descriptions with
 * zh-CN (Simplified) and zh-TW (Traditional) description localizations, sub-commands, option bounds, choices, and
 * autocomplete for topic options, and where each is offered (`contexts`) under which installs (`integration_types`:
 * a server install, and a user install for any DM or group DM). Registration is its own step (`npm run register`),
 * not part of start-up: Discord rate-limits it and global changes take a while to reach every client.
 */
import { Routes, type REST, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_CONTEXTS, listedSubcommands, registeredInstalls, type AppInstall, type CommandContext, type CommandDefinition } from '../../core/command.js';
import { toScript } from '../../core/i18n.js';
import type { Localized, OptionSpec } from '../../core/options.js';
import { truncateChars } from '../chat/truncate.js';

export const OptionType = { Subcommand: 1, String: 3, Integer: 4, Number: 10, Attachment: 11 } as const;
/** Discord's interaction context types: a server channel, the DM with the bot, a group DM or a DM between others. */
export const CONTEXT_TYPES: Record<CommandContext, number> = { guild: 0, bot_dm: 1, private_channel: 2 };
/** Discord's application integration types: installed to a server, or to a user's account. */
export const INTEGRATION_TYPES: Record<AppInstall, number> = { guild: 0, user: 1 };
const CHAT_INPUT = 1;
const MAX_DESCRIPTION_LENGTH = 100;

type Json = Record<string, unknown>;

/**
 * Command and option names stay the same in every language: lessons, /help and error messages name commands as
 * typed (`/explain attention`), and one spelling works in every client. Descriptions are translated.
 */
function described(text: Localized): Json {
  return {
    description: cut(text.en),
    description_localizations: { 'zh-CN': cut(text.zh), 'zh-TW': cut(toScript('zh-Hant', text.zh)) },
  };
}

function cut(text: string): string {
  return truncateChars(text, MAX_DESCRIPTION_LENGTH);
}

function optionJson(option: OptionSpec): Json {
  const base = { name: option.name, ...described(option.description), required: option.required === true };
  switch (option.type) {
    case 'string':
      return { ...base, type: OptionType.String, max_length: option.maxLength, ...(option.autocomplete ? { autocomplete: true } : {}) };
    case 'integer':
      return { ...base, type: OptionType.Integer, min_value: option.min, max_value: option.max };
    case 'number':
      return { ...base, type: OptionType.Number, min_value: option.min, max_value: option.max };
    case 'choice':
      return { ...base, type: OptionType.String, choices: option.choices.map((choice) => ({ name: choice, value: choice })) };
    case 'attachment':
      return { ...base, type: OptionType.Attachment };
  }
}

/** Discord wants required options first; the order among each kind is kept. */
function optionsJson(options: readonly OptionSpec[]): Json[] {
  return [...options.filter((option) => option.required), ...options.filter((option) => !option.required)].map(optionJson);
}

export function commandJson(command: CommandDefinition): Json {
  const installs = registeredInstalls(command);
  const options = command.subcommands
    ? listedSubcommands(command).map((subcommand) => ({ type: OptionType.Subcommand, name: subcommand.name, ...described(subcommand.description), options: optionsJson(subcommand.options) }))
    : optionsJson(command.options);
  return {
    type: CHAT_INPUT,
    name: command.name,
    ...described(command.description),
    options,
    // Declared beside the command (commands/). A group DM is reached only through a user install: without one it is left out.
    contexts: (command.contexts ?? COMMAND_CONTEXTS).filter((context) => context !== 'private_channel' || installs.includes('user')).map((context) => CONTEXT_TYPES[context]),
    integration_types: installs.map((install) => INTEGRATION_TYPES[install]),
  };
}

/** Commands not built yet stay out of Discord's menus (typing them in another client gets an honest "not yet"). */
export function registrationPayload(commands: readonly CommandDefinition[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.filter((command) => command.available && !command.hidden).map(commandJson) as unknown as RESTPutAPIApplicationCommandsJSONBody;
}

/** Replaces the application's commands: in one server (instant, for development) or globally. */
export async function registerCommands(rest: REST, appId: string, commands: readonly CommandDefinition[], guildId?: string): Promise<{ scope: string; count: number }> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: registrationPayload(commands) })) as unknown[];
  return { scope: guildId ? `guild ${guildId}` : 'global', count: saved.length };
}
