/**
 * Forum topics as the Bot API rules them: createForumTopic only in a supergroup with topics (`is_forum`; else 400
 * "the chat is not a forum"), and only with the can_manage_topics right (400 "not enough rights to create a topic";
 * `withoutTopicRights` configures it per chat); a name of 1–128 characters. A message sent with `message_thread_id`
 * goes into that topic: one that does not exist in the chat is 400 "message thread not found".
 */
import type { TgChat, TgMessage } from './objects.js';
import { BadRequest, integerOf, type Params } from './validate.js';

const MAX_NAME_CHARS = 128;
// Topic ids are message ids in the chat; the fake's start well clear of its messages' ids.
const FIRST_TOPIC_ID = 100_000;

export interface FakeTopic {
  id: number;
  name: string;
}

export class ForumTopics {
  /** Topics by chat id. */
  readonly byChat = new Map<number, FakeTopic[]>();
  /** Forum chats where the bot lacks can_manage_topics. */
  readonly withoutTopicRights = new Set<number>();
  private nextId = FIRST_TOPIC_ID;

  create(chat: TgChat, params: Params): { message_thread_id: number; name: string; icon_color: number } {
    if (chat.type !== 'supergroup' || chat.is_forum !== true) throw new BadRequest('the chat is not a forum');
    if (this.withoutTopicRights.has(chat.id)) throw new BadRequest('not enough rights to create a topic');
    const name = params['name'];
    if (typeof name !== 'string' || name.length === 0 || [...name].length > MAX_NAME_CHARS) throw new BadRequest('TOPIC_TITLE_EMPTY');
    const topic: FakeTopic = { id: this.nextId++, name };
    this.byChat.set(chat.id, [...(this.byChat.get(chat.id) ?? []), topic]);
    return { message_thread_id: topic.id, name, icon_color: 7322096 };
  }

  /** A topic made by someone else (a teacher), for tests that write inside it. */
  add(chat: TgChat, name: string): number {
    const topic: FakeTopic = { id: this.nextId++, name };
    this.byChat.set(chat.id, [...(this.byChat.get(chat.id) ?? []), topic]);
    return topic.id;
  }

  /** The fields a sent message gets from `message_thread_id`, checked against the chat's topics. */
  placeIn(chat: TgChat, params: Params): Partial<TgMessage> {
    const thread = integerOf(params, 'message_thread_id');
    if (thread === undefined) return {};
    if (!(this.byChat.get(chat.id) ?? []).some((topic) => topic.id === thread)) throw new BadRequest('message thread not found');
    return { message_thread_id: thread, is_topic_message: true };
  }
}
