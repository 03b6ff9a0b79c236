/**
 * Which messages the bot answers, and as what typed line. Private chat: everything (plain text is a question for
 * /explain). Groups: only commands (`/cmd`, `/cmd@ThisBot`; never `/cmd@OtherBot`, nor another bot's unknown
 * `/cmd`), messages that mention the bot, and replies to the bot — a class group's chatter is left alone.
 */
import type { ChatRef, UserRef } from '../../core/invocation.js';

/** The parts of a Bot API text message this reads (telegraf's Message.TextMessage fits). */
export interface IncomingText {
  message_id: number;
  text: string;
  entities?: readonly { type: string; offset: number; length: number }[] | undefined;
  chat: { id: number; type: string };
  from?: { id: number; is_bot: boolean; first_name: string; language_code?: string | undefined } | undefined;
  reply_to_message?: { from?: { id: number } | undefined } | undefined;
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
  if (!message.from || message.from.is_bot) return undefined;
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

/** A group's settings (its default language) live with the group itself. */
export function chatRef(chat: IncomingText['chat'], kind: ChatRef['kind']): ChatRef {
  const id = String(chat.id);
  return kind === 'group' ? { id, kind, settingsId: id } : { id, kind };
}
