/**
 * A class quiz in a thread of its own: started from the command's opening message (the deferred response, which
 * becomes the lobby), so questions, counters and reveals stay out of the channel. Only where threads can be: a server
 * channel the bot is in. Discord refuses threads in DMs, in threads, in voice channels (400 50024), and without the
 * Create Public Threads permission (403 50013): the quiz then runs in the channel, as before, logged once a channel.
 */
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Logger } from '../../core/ports.js';
import type { TypedInvocation } from '../../core/tutor.js';
import type { DiscordRoute } from './route.js';
import { describeError } from './sender.js';

/** Threads with no message for an hour are archived (Discord's shortest choice; a quiz lasts minutes). */
export const QUIZ_THREAD_ARCHIVE_MINUTES = 60;
// Discord's limit on a thread's name.
const MAX_THREAD_NAME_CHARS = 100;
// Channels whose refusal was logged; bounded so a bot in many servers does not grow it without end.
const MAX_REFUSALS_REMEMBERED = 10_000;

export interface QuizThreadDeps {
  rest: REST;
  appId: string;
  logger: Logger;
}

/** Whether this command should get a thread: `/quiz start` in a server, not turned off, with the bot there. */
export function wantsQuizThread(invocation: TypedInvocation, guildId: string | null, route: DiscordRoute): boolean {
  if (invocation.command !== 'quiz' || invocation.subcommand !== 'start') return false;
  if (invocation.args['thread'] === 'off') return false;
  return guildId !== null && route.channelId !== undefined && !route.tokenOnly && !route.ephemeral;
}

export class QuizThreads {
  private readonly refused = new Set<string>();

  constructor(private readonly deps: QuizThreadDeps) {}

  /** The new thread's id, or undefined (refused, or the response is gone): the quiz then stays in the channel. */
  async open(token: string, channelId: string, name: string): Promise<string | undefined> {
    const { rest, appId } = this.deps;
    try {
      const original = (await rest.get(Routes.webhookMessage(appId, token, '@original'), { auth: false })) as { id: string };
      const body = { name: name.slice(0, MAX_THREAD_NAME_CHARS), auto_archive_duration: QUIZ_THREAD_ARCHIVE_MINUTES };
      const thread = (await rest.post(Routes.threads(channelId, original.id), { body })) as { id: string };
      return thread.id;
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || error.status >= 500 || error.status === 429) {
        this.deps.logger.warn(describeError(error), 'discord: no quiz thread (Discord failed); the quiz runs in the channel');
        return undefined;
      }
      if (!this.refused.has(channelId)) {
        if (this.refused.size >= MAX_REFUSALS_REMEMBERED) this.refused.clear();
        this.refused.add(channelId);
        this.deps.logger.warn({ ...describeError(error), channelId }, 'discord: a quiz thread was refused (Create Public Threads missing, or no threads here); quizzes run in the channel');
      }
      return undefined;
    }
  }
}
