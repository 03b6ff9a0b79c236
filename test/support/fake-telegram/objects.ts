/** Bot API objects as the fake builds them: users, chats, messages and the entities Telegram adds to typed text. */
import type { MessageEntity } from './html.js';

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  /** A supergroup with topics (forum). */
  is_forum?: boolean;
  first_name?: string;
  username?: string;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size: number;
}

/** A file a person sent (a teacher's question file), as Telegram describes it in the message. */
export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  /** Telegram may leave it out; the adapter then learns it from getFile. */
  file_size?: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  /** Sent as a chat: the group itself (an anonymous admin, `from` = GroupAnonymousBot) or a channel. */
  sender_chat?: TgChat;
  /** A channel post Telegram copied into the channel's linked discussion group. */
  is_automatic_forward?: true;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: TgPhotoSize[];
  document?: TgDocument;
  reply_markup?: InlineKeyboard;
  reply_to_message?: TgMessage;
  /** In a forum: the topic the message is in. */
  message_thread_id?: number;
  is_topic_message?: boolean;
  edit_date?: number;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: TgCallbackQuery;
}

/** A person who talks to the bot; `language_code` is what their Telegram app reports (`zh-hans`, `en`, `zh-TW`). */
export function person(id: number, options: { firstName?: string; username?: string; languageCode?: string } = {}): TgUser {
  const user: TgUser = { id, is_bot: false, first_name: options.firstName ?? `User${id}` };
  if (options.username) user.username = options.username;
  if (options.languageCode) user.language_code = options.languageCode;
  return user;
}

/** The one account every message an anonymous admin sends as the group comes from, as Telegram shows it. */
export const GROUP_ANONYMOUS_BOT: TgUser = { id: 1_087_968_824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
/** The account messages sent on behalf of a channel come from. */
export const CHANNEL_BOT: TgUser = { id: 136_817_688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };
/** Telegram itself: the sender of a channel's posts forwarded automatically into its discussion group. */
export const TELEGRAM_SERVICE: TgUser = { id: 777_000, is_bot: false, first_name: 'Telegram' };

export function channelChat(id: number, title = `Channel ${id}`): TgChat {
  if (id >= 0) throw new Error('channel ids are negative');
  return { id, type: 'channel', title };
}

export function privateChatOf(user: TgUser): TgChat {
  const chat: TgChat = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.username) chat.username = user.username;
  return chat;
}

export function groupChat(id: number, title = `Group ${id}`, type: 'group' | 'supergroup' = 'supergroup'): TgChat {
  if (id >= 0) throw new Error('group chat ids are negative');
  return { id, type, title };
}

/**
 * The entities Telegram marks in typed text: every `/command` or `/command@bot` (bot_command), every `@username`
 * (mention). Offsets and lengths in UTF-16 code units.
 */
export function typedEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s)/g)) {
    entities.push({ type: 'bot_command', offset: match.index + match[1]!.length, length: match[2]!.length });
  }
  for (const match of text.matchAll(/(^|[^\w/@])(@[A-Za-z0-9_]{5,32})\b/g)) {
    entities.push({ type: 'mention', offset: match.index + match[1]!.length, length: match[2]!.length });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}
