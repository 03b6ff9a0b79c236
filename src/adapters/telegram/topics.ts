/**
 * A class quiz in a forum topic of its own (a supergroup with topics, `is_forum`): `/quiz start` sent inside a topic
 * keeps the quiz there; sent in General it opens a topic (createForumTopic, which needs the can_manage_topics right)
 * for the questions, counters and reveals. Refused (no right, topics turned off meanwhile): the quiz runs in the
 * chat as before, logged once a chat. The topic travels in the route, so a worker's later posts find it.
 */
import { TelegramError, type Telegram } from 'telegraf';
import type { Delivery } from '../../core/delivery.js';
import type { Logger } from '../../core/ports.js';
import type { TypedInvocation } from '../../core/tutor.js';
import { describeTelegramError } from './errors.js';

// Telegram's limit on a topic's name.
const MAX_TOPIC_NAME_CHARS = 128;
// Chats whose refusal was logged; bounded.
const MAX_REFUSALS_REMEMBERED = 10_000;

/** Where a command was sent: its chat (forum or not) and its topic, if any. */
export interface CommandPlace {
  chat: { id: number; type: string; is_forum?: boolean | undefined };
  message_thread_id?: number | undefined;
  is_topic_message?: boolean | undefined;
}

/** The topic of a message sent inside one (General and non-forum chats have none). */
export function topicOfMessage(place: CommandPlace): number | undefined {
  return place.is_topic_message === true && place.message_thread_id !== undefined ? place.message_thread_id : undefined;
}

export class QuizTopics {
  private readonly refused = new Set<number>();

  constructor(
    private readonly telegram: Telegram,
    private readonly logger: Logger,
  ) {}

  /**
   * Route fields for a command: `home`, the topic it was sent in (its own replies and the podium go there);
   * `topic`, where a class quiz's posts go. Empty for commands other than `/quiz start` and outside forums.
   */
  async routeFor(invocation: TypedInvocation, place: CommandPlace, name: () => Promise<string>): Promise<Record<string, string>> {
    const home = topicOfMessage(place);
    const homeRoute: Record<string, string> = home === undefined ? {} : { home: String(home) };
    if (invocation.command !== 'quiz' || invocation.subcommand !== 'start' || invocation.args['thread'] === 'off') return homeRoute;
    if (place.chat.type !== 'supergroup' || place.chat.is_forum !== true) return homeRoute;
    if (home !== undefined) return { ...homeRoute, topic: String(home) };
    try {
      const topic = await this.telegram.createForumTopic(place.chat.id, (await name()).slice(0, MAX_TOPIC_NAME_CHARS));
      return { topic: String(topic.message_thread_id) };
    } catch (error) {
      if (!(error instanceof TelegramError) || error.code !== 400) {
        this.logger.warn({ reason: describeTelegramError(error) }, 'telegram: no quiz topic (Telegram failed); the quiz runs in General');
      } else if (!this.refused.has(place.chat.id)) {
        if (this.refused.size >= MAX_REFUSALS_REMEMBERED) this.refused.clear();
        this.refused.add(place.chat.id);
        this.logger.warn({ reason: describeTelegramError(error), chatId: place.chat.id }, 'telegram: a quiz topic was refused (can_manage_topics missing?); quizzes run in General');
      }
      return {};
    }
  }
}

/**
 * The topic a delivery goes to: the command's own reply and the podium (`mainChat`) where the command was sent;
 * a class quiz's other posts in its topic. Undefined: General, or a chat without topics.
 */
export function topicOf(delivery: Delivery): number | undefined {
  const route = delivery.address.route;
  const own = route?.['quote'] !== undefined && route['quote'] === delivery.address.correlationId;
  const raw = own || delivery.reply.mainChat === true ? route?.['home'] : (route?.['topic'] ?? route?.['home']);
  const id = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
