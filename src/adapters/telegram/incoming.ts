/**
 * Which messages the bot answers, and as what typed line. Private chat: everything (plain text is a question for
 * /explain). Groups: only commands (`/cmd`, `/cmd@ThisBot`; never `/cmd@OtherBot`, nor another bot's unknown
 * `/cmd`), messages that mention the bot, and replies to the bot — a class group's chatter is left alone.
 */
import { chatIdentity } from '../../core/chat-identity.js';
import type { ChatRef, UserRef } from '../../core/invocation.js';

/** The shared account Telegram shows as the sender of every message an anonymous admin sends as the group. */
export const GROUP_ANONYMOUS_BOT_ID = 1_087_968_824;

/** The parts of a Bot API text message this reads (telegraf's Message.TextMessage fits). */
export interface IncomingText {
  message_id: number;
  text: string;
  entities?: readonly { type: string; offset: number; length: number }[] | undefined;
  chat: { id: number; type: string; is_forum?: boolean | undefined };
  /** In a forum supergroup: the topic the message was sent in (with `is_topic_message`; General has none). */
  message_thread_id?: number | undefined;
  is_topic_message?: boolean | undefined;
  from?: { id: number; is_bot: boolean; first_name: string; language_code?: string | undefined } | undefined;
  /** Set when the message was sent as a chat: the group itself (an anonymous admin) or a channel. */
  sender_chat?: { id: number; type: string; title?: string | undefined } | undefined;
  /** A channel's post copied into its linked discussion group by Telegram: nobody typed it here. */
  is_automatic_forward?: boolean | undefined;
  reply_to_message?: { message_id?: number | undefined; from?: { id: number } | undefined } | undefined;
}

export interface BotIdentity {
  id: number;
  username: string;
}

/** What a mention alone ("@TutorBot") means: the welcome, with its buttons. */
const BARE_MENTION_LINE = '/start';

/**
 * The line to hand the tutor, or undefined when the bot should stay quiet. `knows` says whether a command name is
 * one of the tutor's (a bare `/cmd` in a group may be meant for another bot).
 */
export function lineFor(message: IncomingText, bot: BotIdentity, knows: (command: string) => boolean): string | undefined {
  if (message.is_automatic_forward) return undefined;
  // A message sent as a chat comes "from" a shared bot account (GroupAnonymousBot, Channel_Bot): a person typed it.
  if (!message.sender_chat && (!message.from || message.from.is_bot)) return undefined;
  const kind = chatKind(message.chat.type);
  if (!kind) return undefined;
  const { text } = message;
  const entities = message.entities ?? [];

  const head = entities[0];
  if (head?.type === 'bot_command' && head.offset === 0) {
    const [command = '', addressee] = text.slice(0, head.length).split('@');
    if (addressee !== undefined && addressee.toLowerCase() !== bot.username.toLowerCase()) return undefined;
    if (kind === 'group' && addressee === undefined && !knows(command.slice(1))) return undefined;
    return command + text.slice(head.length);
  }
  if (kind === 'private') return text;

  const mention = entities.find((entity) => entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${bot.username.toLowerCase()}`);
  if (mention) {
    const rest = `${text.slice(0, mention.offset).trimEnd()} ${text.slice(mention.offset + mention.length).trimStart()}`.trim();
    return rest === '' ? BARE_MENTION_LINE : rest;
  }
  if (message.reply_to_message?.from?.id === bot.id) return text;
  return undefined;
}

/** Private chats and groups; channels (and anything newer) are not places the tutor talks. */
export function chatKind(type: string): ChatRef['kind'] | undefined {
  if (type === 'private') return 'private';
  if (type === 'group' || type === 'supergroup') return 'group';
  return undefined;
}

export function userRef(from: NonNullable<IncomingText['from']>): UserRef {
  return { id: String(from.id), displayName: from.first_name.slice(0, 64), locale: from.language_code };
}

/**
 * Who asked, as the tutor keys them. A message sent as a chat (the group itself, or a channel) is keyed by that chat:
 * the account it comes from is shared by every anonymous admin and channel on Telegram. Its language is the chat's.
 */
export function askerOf(message: Pick<IncomingText, 'from' | 'sender_chat'>): UserRef | undefined {
  const { sender_chat: senderChat } = message;
  if (senderChat) return { id: chatIdentity(String(senderChat.id)), ...(senderChat.title ? { displayName: senderChat.title.slice(0, 64) } : {}) };
  return message.from ? userRef(message.from) : undefined;
}

/** A group's settings (its default language) live with the group itself. */
export function chatRef(chat: IncomingText['chat'], kind: ChatRef['kind']): ChatRef {
  const id = String(chat.id);
  return kind === 'group' ? { id, kind, settingsId: id } : { id, kind };
}

/**
 * The bot's message this one replies to, when it is a question about it (not a command): its id, to find the lesson
 * it was. Telegram gives only that one message, never the chain before it.
 */
export function repliedBotMessage(message: Pick<IncomingText, 'reply_to_message' | 'text'>, bot: BotIdentity): number | undefined {
  const replied = message.reply_to_message;
  if (!replied || replied.from?.id !== bot.id || /^\s*\//.test(message.text)) return undefined;
  return replied.message_id;
}
