import { help } from '../../../commands/help.js';
import { exampleFor, listedSubcommands, type CommandDefinition } from '../command.js';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import { langOf, type Locale } from '../locale.js';
import { argsSchema, type OptionSpec } from '../options.js';
import { quoteUserText } from '../replies.js';
import type { JobHandler } from '../services.js';

const helpArgs = argsSchema(help.options);

export const handleHelp: JobHandler = async (job, services) => {
  const { command: wanted } = helpArgs.parse(job.args);
  const locale = job.context.locale;
  if (wanted) {
    const name = wanted.replace(/^\//, '').toLowerCase();
    const command = services.commands.find((candidate) => candidate.name === name);
    if (!command) throw new UserError('unknown_command', { command: quoteUserText(name, 32) });
    return { command: 'help', locale, text: commandDetail(command, locale), buttons: [] };
  }
  const lang = langOf(locale);
  const lines = services.commands
    .filter((command) => command.available)
    .map((command) => t(locale, 'help.commandLine', { name: command.name, description: command.description[lang] }));
  const privacy = t(locale, services.storage === 'redis' ? 'help.privacyRedis' : 'help.privacyMemory');
  const text = [t(locale, 'help.title'), lines.join('\n'), t(locale, 'help.examples'), t(locale, 'help.plainText'), privacy];
  return { command: 'help', locale, text: text.join('\n\n'), buttons: [] };
};

function commandDetail(command: CommandDefinition, locale: Locale): string {
  const lang = langOf(locale);
  const description = command.available ? command.description[lang] : `${command.description[lang]} (${t(locale, 'help.unavailable')})`;
  const lines = [t(locale, 'help.detailTitle', { name: command.name, description })];
  if (command.subcommands) {
    for (const entry of listedSubcommands(command)) lines.push(t(locale, 'help.optionLine', { name: entry.name, description: entry.description[lang] }));
  } else {
    for (const option of command.options) {
      const detail = optionDetail(option, locale);
      const params = { name: option.name, description: option.description[lang], detail };
      lines.push(t(locale, detail ? 'help.optionLineDetail' : 'help.optionLine', params));
    }
  }
  lines.push(t(locale, 'help.example', { example: exampleFor(command, locale) }));
  return lines.join('\n');
}

/** What an option accepts, from the command's definition (for /attention, the shipped model's real counts). */
function optionDetail(option: OptionSpec, locale: Locale): string {
  const parts: string[] = [];
  if (option.required) parts.push(t(locale, 'help.required'));
  if (option.type === 'integer' || option.type === 'number') parts.push(t(locale, 'help.range', { min: option.min, max: option.max }));
  if (option.type === 'choice') parts.push(t(locale, 'help.choices', { choices: option.choices.join(t(locale, 'help.choiceSeparator')) }));
  return parts.join(t(locale, 'help.detailSeparator'));
}
