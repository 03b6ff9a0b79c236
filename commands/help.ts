import { exampleFor, listedSubcommands, type CommandDefinition } from '../src/core/command.js';
import { defineCommand } from '../src/core/define-command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n.js';
import { langOf, type Locale } from '../src/core/locale.js';
import type { OptionSpec } from '../src/core/options.js';
import { quoteUserText } from '../src/core/reply-format.js';

/** /help: the commands this tutor runs (its own list, so a command added there is listed here), or one in detail. */
export const help = defineCommand({
  name: 'help',
  menuOrder: 80,
  description: { en: 'List the commands, or explain one', zh: '列出全部命令，或说明某个命令' },
  options: [
    {
      name: 'command',
      type: 'string',
      maxLength: 32,
      description: { en: 'A command to explain, e.g. explain', zh: '要说明的命令，如 explain' },
    },
  ],
  queue: 'fast',
  available: true,
  policy: { reply: 'private' },
  example: '/help explain',
  async handler(job, services) {
    const wanted = job.args.command;
    const locale = job.context.locale;
    if (wanted) {
      const name = wanted.replace(/^\//, '').toLowerCase();
      const command = services.commands.find((candidate) => candidate.name === name);
      if (!command) throw new UserError('unknown_command', { command: quoteUserText(name, 32) });
      return { command: 'help', locale, text: commandDetail(command, locale), buttons: [] };
    }
    const lang = langOf(locale);
    const lines = services.commands
      .filter((command) => command.available && !command.hidden)
      .map((command) => t(locale, 'help.commandLine', { name: command.name, description: command.description[lang] }));
    const privacy = t(locale, services.storage === 'redis' ? 'help.privacyRedis' : 'help.privacyMemory');
    const text = [t(locale, 'help.title'), lines.join('\n'), t(locale, 'help.examples'), t(locale, 'help.plainText'), privacy];
    return { command: 'help', locale, text: text.join('\n\n'), buttons: [] };
  },
});

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
