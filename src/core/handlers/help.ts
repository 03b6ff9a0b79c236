import { help } from '../../../commands/help.js';
import { listedSubcommands, type CommandDefinition } from '../command.js';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import { langOf, type Locale } from '../locale.js';
import { argsSchema } from '../options.js';
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
  const entries = command.subcommands ? listedSubcommands(command) : command.options;
  for (const entry of entries) lines.push(t(locale, 'help.optionLine', { name: entry.name, description: entry.description[lang] }));
  lines.push(`\`${command.example}\``);
  return lines.join('\n');
}
