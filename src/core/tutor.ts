import type { ButtonActions } from './buttons.js';
import { optionsFor, type CommandDefinition } from './command.js';
import { isUserError, UserError } from './errors.js';
import type { ButtonPress, ChatRef, CommandInvocation, Platform, RawArg, UserRef } from './invocation.js';
import type { TutorJob } from './jobs.js';
import { resolveLocale, type Locale } from './locale.js';
import { coerceOption } from './options.js';
import { parseCommandLine } from './parse-text.js';
import type { JobSubmitter, Logger } from './ports.js';
import type { Reply } from './reply.js';
import { errorReply, quoteUserText } from './replies.js';
import type { UserPrefs } from './user-prefs.js';

export interface TutorDeps {
  commands: readonly CommandDefinition[];
  submitter: JobSubmitter;
  prefs: UserPrefs;
  buttons: ButtonActions;
  defaultLocale: Locale;
  logger: Logger;
}

/** Who is asking and where, as adapters describe it. */
export interface Asker {
  user: UserRef;
  chat: ChatRef;
  platform: Platform;
}

/** An invocation as typed, with any words no option could take. */
export type TypedInvocation = CommandInvocation & { unparsed?: string | undefined };

/**
 * The edge of the core: turns what adapters hand in (typed lines, structured invocations, button presses) into
 * validated jobs, submits them, and always answers with a Reply in the asker's language — errors included.
 */
export class Tutor {
  constructor(private readonly deps: TutorDeps) {}

  get commands(): readonly CommandDefinition[] {
    return this.deps.commands;
  }

  /** A typed line: `/command …`, or plain text, which is a question for /explain. */
  readText(line: string, asker: Asker): TypedInvocation {
    const parsed = parseCommandLine(line, (name) => this.find(name));
    if (!parsed) return { ...asker, command: 'explain', args: { topic: line } };
    return { ...asker, command: parsed.command, subcommand: parsed.subcommand, args: parsed.args, unparsed: parsed.unparsed };
  }

  async handleText(line: string, asker: Asker): Promise<Reply> {
    return this.handle(this.readText(line, asker));
  }

  async handle(invocation: TypedInvocation): Promise<Reply> {
    const locale = await this.localeFor(invocation);
    try {
      const { queue, job } = this.toJob(invocation, locale);
      return await this.deps.submitter.submit(queue, job);
    } catch (error) {
      return this.failure(invocation.command, locale, error);
    }
  }

  async press(press: ButtonPress): Promise<Reply> {
    try {
      const action = await this.deps.buttons.resolve(press.buttonId);
      return await this.handle({ ...action, user: press.user, chat: press.chat, platform: press.platform });
    } catch (error) {
      return this.failure('button', await this.localeFor(press), error);
    }
  }

  async localeFor(asker: Asker): Promise<Locale> {
    return resolveLocale({
      userChoice: await this.deps.prefs.getLocale(asker.platform, asker.user.id).catch(() => undefined),
      platformLocale: asker.user.locale,
      chatDefault: asker.chat.defaultLocale,
      fallback: this.deps.defaultLocale,
    });
  }

  private find(name: string): CommandDefinition | undefined {
    return this.deps.commands.find((command) => command.name === name.toLowerCase());
  }

  private toJob(invocation: TypedInvocation, locale: Locale): { queue: CommandDefinition['queue']; job: TutorJob } {
    const name = quoteUserText(invocation.command, 32);
    const command = this.find(invocation.command);
    if (!command) throw new UserError('unknown_command', { command: name });
    const subcommand = this.subcommandOf(command, invocation);
    if (!command.available) throw new UserError('not_available', { command: command.name });
    if (invocation.unparsed) throw new UserError('unexpected_text', { command: command.name, text: quoteUserText(invocation.unparsed, 40) });

    const options = optionsFor(command, subcommand);
    const args: Record<string, string | number> = {};
    for (const [key, raw] of Object.entries(invocation.args) as [string, RawArg][]) {
      const option = options.find((candidate) => candidate.name === key);
      if (!option) throw new UserError('unexpected_text', { command: command.name, text: quoteUserText(`${key}:${String(raw)}`, 40) });
      const value = coerceOption(option, raw);
      if (value !== undefined) args[key] = value;
    }
    for (const option of options) {
      if (option.required && args[option.name] === undefined) {
        throw new UserError('option_required', { command: command.name, option: option.name, example: command.example });
      }
    }
    const context = { user: invocation.user, chat: invocation.chat, platform: invocation.platform, locale };
    return { queue: command.queue, job: { command: command.name, subcommand, args, context } };
  }

  private subcommandOf(command: CommandDefinition, invocation: TypedInvocation): string | undefined {
    if (!command.subcommands) return undefined;
    const wanted = invocation.subcommand?.toLowerCase() ?? command.defaultSubcommand;
    const known = command.subcommands.map((candidate) => candidate.name);
    if (!wanted || !known.includes(wanted)) {
      throw new UserError('unknown_subcommand', { command: command.name, subcommand: quoteUserText(wanted ?? '', 32), choices: known.join(', ') });
    }
    return command.routeSubcommand ? command.routeSubcommand(wanted, invocation.chat) : wanted;
  }

  private failure(command: string, locale: Locale, error: unknown): Reply {
    if (isUserError(error)) return errorReply(quoteUserText(command, 32), locale, error);
    this.deps.logger.error({ err: error, command }, 'command failed');
    return errorReply(quoteUserText(command, 32), locale, new UserError('internal'));
  }
}
