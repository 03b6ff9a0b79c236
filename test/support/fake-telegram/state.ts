/** What the fake Bot API remembers: the bot, chats, every message (with its edits), members, menus, the webhook. */
import { ForumTopics } from './topics.js';
import { DraftBoard } from './drafts.js';
import type { MessageEntity } from './html.js';
import { privateChatOf, typedEntities, type InlineKeyboard, type TgDocument, type TgCallbackQuery, type TgChat, type TgMessage, type TgUpdate, type TgUser } from './objects.js';
import { BadRequest, type BotCommand } from './validate.js';

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A message as the chat shows it now, with the texts it had before each edit. */
export interface StoredMessage {
  message: TgMessage;
  /** Text (or caption) after each edit, oldest first; the first entry is what was sent. */
  versions: { at: number; text: string }[];
}

/** 403 answers: the bot may not write there. */
export class Forbidden extends Error {}

export class FakeState {
  readonly chats = new Map<number, TgChat>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly members = new Map<string, MemberStatus>();
  private readonly openQueries = new Map<string, TgCallbackQuery>();
  /** Menus by `<scope type>|<language code or empty>`. */
  readonly commandMenus = new Map<string, BotCommand[]>();
  webhook: { url: string; secret: string | undefined } | undefined;
  /** Files people sent, by file_id: their bytes and the path getFile hands out. */
  readonly files = new Map<string, { bytes: Buffer; path: string }>();
  /** What each answerCallbackQuery said (the toast under the button), by query id. */
  readonly queryAnswers = new Map<string, { text?: string; showAlert: boolean }>();
  private queryCount = 0;
  private fileCount = 0;
  /** Streamed drafts per private chat (sendMessageDraft). */
  readonly drafts: DraftBoard;
  /** Forum topics per chat (createForumTopic, message_thread_id). */
  readonly topics = new ForumTopics();

  constructor(
    readonly bot: TgUser,
    private readonly now: () => number,
    draftTtlMs?: number,
  ) {
    this.drafts = new DraftBoard(now, draftTtlMs);
  }

  /** Stores a message a person typed (Telegram adds the entities); the bot may write to this chat from now on. */
  userMessage(chat: TgChat, from: TgUser, text: string, replyTo?: number, sentAs?: { senderChat: TgChat; automaticForward?: boolean }): TgMessage {
    this.chats.set(chat.id, chat);
    const message: TgMessage = { message_id: this.nextMessageId(chat.id), date: this.seconds(), chat, from, text };
    if (sentAs) message.sender_chat = sentAs.senderChat;
    if (sentAs?.automaticForward) message.is_automatic_forward = true;
    const entities = typedEntities(text);
    if (entities.length > 0) message.entities = entities;
    if (replyTo !== undefined) message.reply_to_message = this.find(chat.id, replyTo).message;
    this.store(message, text);
    return message;
  }

  /**
   * A person sends a file with a caption (Telegram marks commands in captions as it does in text). `declaredSize`
   * is the file_size the message reports (default: the real size; null: left out, as Telegram sometimes does).
   */
  userDocument(chat: TgChat, from: TgUser, file: { name: string; bytes: Buffer; mime?: string; caption?: string; declaredSize?: number | null }): TgMessage {
    this.chats.set(chat.id, chat);
    this.fileCount += 1;
    const fileId = `doc${this.fileCount}-${file.bytes.length}`;
    this.files.set(fileId, { bytes: file.bytes, path: `documents/file_${this.fileCount}.${file.name.split('.').pop() ?? 'bin'}` });
    const document: TgDocument = { file_id: fileId, file_unique_id: `u${fileId}`, file_name: file.name, mime_type: file.mime ?? 'text/csv' };
    if (file.declaredSize !== null) document.file_size = file.declaredSize ?? file.bytes.length;
    const message: TgMessage = { message_id: this.nextMessageId(chat.id), date: this.seconds(), chat, from, document };
    if (file.caption !== undefined) {
      message.caption = file.caption;
      const entities = typedEntities(file.caption);
      if (entities.length > 0) message.caption_entities = entities;
    }
    this.store(message, file.caption ?? '');
    return message;
  }

  /** Stores a message the bot sent. */
  botMessage(chatId: number, content: Partial<TgMessage>, visibleText: string): TgMessage {
    const chat = this.chatFor(chatId);
    const message: TgMessage = { message_id: this.nextMessageId(chatId), date: this.seconds(), chat, from: this.bot, ...content };
    this.store(message, visibleText);
    this.drafts.clear(chatId);
    return message;
  }

  edit(chatId: number, messageId: number, text: string, entities: MessageEntity[], markup: InlineKeyboard | undefined): TgMessage {
    const stored = this.find(chatId, messageId);
    const message = stored.message;
    if (message.from?.id !== this.bot.id) throw new BadRequest("message can't be edited");
    if (message.text === undefined) throw new BadRequest('there is no text in the message to edit');
    const sameMarkup = JSON.stringify(message.reply_markup ?? null) === JSON.stringify(markup ?? null);
    if (message.text === text && JSON.stringify(message.entities ?? []) === JSON.stringify(entities) && sameMarkup) {
      throw new BadRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    message.text = text;
    if (entities.length > 0) message.entities = entities;
    else delete message.entities;
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    message.edit_date = this.seconds();
    stored.versions.push({ at: this.now(), text });
    return message;
  }

  find(chatId: number, messageId: number): StoredMessage {
    const stored = this.messages.get(`${chatId}:${messageId}`);
    if (!stored) throw new BadRequest('message to edit not found');
    return stored;
  }

  /** Every message in a chat, oldest first. */
  history(chatId: number): StoredMessage[] {
    return [...this.messages.entries()]
      .filter(([key]) => key.startsWith(`${chatId}:`))
      .map(([, stored]) => stored)
      .sort((a, b) => a.message.message_id - b.message.message_id);
  }

  /** A chat the bot may write to: one it has seen a message from. */
  chatFor(chatId: number): TgChat {
    const chat = this.chats.get(chatId);
    if (chat) return chat;
    if (chatId > 0) throw new Forbidden("bot can't initiate conversation with a user");
    throw new BadRequest('chat not found');
  }

  /** The person never started the bot (or blocked it): private messages to them are refused with 403. */
  forgetUser(userId: number): void {
    this.chats.delete(userId);
  }

  /** Lets the bot write to a person who has not written yet (as if they had pressed Start earlier). */
  knowUser(user: TgUser): void {
    this.chats.set(user.id, privateChatOf(user));
  }

  callbackQuery(from: TgUser, message: TgMessage, data: string): TgCallbackQuery {
    this.queryCount += 1;
    const query: TgCallbackQuery = { id: `${this.queryCount}${Date.now() % 100_000}`, from, message, chat_instance: String(message.chat.id), data };
    this.openQueries.set(query.id, query);
    return query;
  }

  answerQuery(id: unknown, text?: string, showAlert = false): void {
    if (typeof id !== 'string' || !this.openQueries.delete(id)) throw new BadRequest('query is too old and response timeout expired or query ID is invalid');
    this.queryAnswers.set(id, text === undefined ? { showAlert } : { text, showAlert });
  }

  /** Callback queries nobody has answered yet (the button keeps spinning for the user). */
  get unansweredQueries(): string[] {
    return [...this.openQueries.keys()];
  }

  setMember(chatId: number, userId: number, status: MemberStatus): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  member(chatId: number, userId: number): MemberStatus {
    this.chatFor(chatId);
    return this.members.get(`${chatId}:${userId}`) ?? 'member';
  }

  private store(message: TgMessage, visibleText: string): void {
    this.messages.set(`${message.chat.id}:${message.message_id}`, { message, versions: [{ at: this.now(), text: visibleText }] });
  }

  private nextMessageId(chatId: number): number {
    const next = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, next);
    return next;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

export type { TgUpdate };
