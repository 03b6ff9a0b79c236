/** The Bot API methods the fake answers (all but getUpdates, which server.ts holds open): validate, act, return. */
import { GROUP_ANONYMOUS_BOT, type TgMessage } from './objects.js';
import type { FakeState, MemberStatus } from './state.js';
import { BadRequest, botCommands, chatIdOf, formattedText, inlineKeyboard, integerOf, jsonField, MAX_CALLBACK_ANSWER_CHARS, type Params } from './validate.js';

/** A file that came in a multipart body. */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  /** Starts with the PNG signature. */
  png: boolean;
  bytes: Buffer;
}

export type MethodHandler = (state: FakeState, params: Params, files: Record<string, UploadedFile>) => unknown;

const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);
const SCOPES = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member']);
// Bots may upload photos of up to 10 MB, other files of up to 50 MB, and download files of up to 20 MB.
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENT_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export const METHODS: Record<string, MethodHandler> = {
  getme: (state) => ({ ...state.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }),

  deletewebhook: (state) => {
    state.webhook = undefined;
    return true;
  },

  setwebhook: (state, params) => {
    const url = params['url'];
    if (typeof url !== 'string' || url === '') {
      state.webhook = undefined;
      return true;
    }
    if (!url.startsWith('https://')) throw new BadRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secret = params['secret_token'];
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) throw new BadRequest('secret token contains unallowed characters');
    state.webhook = { url, secret: typeof secret === 'string' ? secret : undefined };
    return true;
  },

  createforumtopic: (state, params) => state.topics.create(state.chatFor(chatIdOf(params)), params),

  getwebhookinfo: (state) => ({ url: state.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 }),

  sendmessage: (state, params) => {
    const chatId = chatIdOf(params);
    const { text, entities } = formattedText(params, 'text')!;
    const markup = inlineKeyboard(params['reply_markup']);
    state.chatFor(chatId);
    const content: Partial<TgMessage> = { text };
    if (entities.length > 0) content.entities = entities;
    if (markup) content.reply_markup = markup;
    const replyTo = replyTarget(params);
    if (replyTo !== undefined) content.reply_to_message = state.find(chatId, replyTo).message;
    Object.assign(content, state.topics.placeIn(state.chatFor(chatId), params));
    return state.botMessage(chatId, content, text);
  },

  // Private chats only; draft_id non-zero; text 1–4,096 characters after parsing, as for sendMessage.
  sendmessagedraft: (state, params) => {
    const chatId = chatIdOf(params);
    const chat = state.chatFor(chatId);
    if (chat.type !== 'private') throw new BadRequest('TEXTDRAFT_PEER_INVALID');
    const draftId = integerOf(params, 'draft_id');
    if (draftId === undefined) throw new BadRequest('parameter "draft_id" is required');
    if (draftId === 0) throw new BadRequest('DRAFT_ID_INVALID');
    integerOf(params, 'message_thread_id');
    const { text, entities } = formattedText(params, 'text')!;
    state.drafts.put(chatId, { draftId, text, entities });
    return true;
  },

  editmessagetext: (state, params) => {
    const chatId = chatIdOf(params);
    const messageId = integerOf(params, 'message_id');
    if (messageId === undefined) throw new BadRequest('message identifier is not specified');
    const { text, entities } = formattedText(params, 'text')!;
    return state.edit(chatId, messageId, text, entities, inlineKeyboard(params['reply_markup']));
  },

  sendphoto: (state, params, files) => {
    const chatId = chatIdOf(params);
    const photo = params['photo'];
    const upload = typeof photo === 'string' && photo.startsWith('attach://') ? files[photo.slice('attach://'.length)] : files['photo'];
    if (!upload && (typeof photo !== 'string' || photo === '')) throw new BadRequest('there is no photo in the request');
    if (upload && (upload.size === 0 || upload.size > MAX_PHOTO_BYTES)) throw new BadRequest('PHOTO_INVALID_DIMENSIONS');
    if (upload && !upload.png && !/jpe?g|png|webp/i.test(upload.type)) throw new BadRequest('IMAGE_PROCESS_FAILED');
    const caption = formattedText(params, 'caption');
    const markup = inlineKeyboard(params['reply_markup']);
    state.chatFor(chatId);
    const size = upload?.size ?? 1;
    const content: Partial<TgMessage> = { photo: [{ file_id: `photo-${size}`, file_unique_id: `u${size}`, width: 512, height: 512, file_size: size }] };
    if (caption) {
      content.caption = caption.text;
      if (caption.entities.length > 0) content.caption_entities = caption.entities;
    }
    if (markup) content.reply_markup = markup;
    Object.assign(content, state.topics.placeIn(state.chatFor(chatId), params));
    return state.botMessage(chatId, content, caption?.text ?? '');
  },

  senddocument: (state, params, files) => {
    const chatId = chatIdOf(params);
    const document = params['document'];
    const upload = typeof document === 'string' && document.startsWith('attach://') ? files[document.slice('attach://'.length)] : files['document'];
    if (!upload) throw new BadRequest(typeof document === 'string' && document !== '' ? 'wrong file identifier/HTTP URL specified' : 'there is no document in the request');
    if (upload.size === 0) throw new BadRequest('file must be non-empty');
    if (upload.size > MAX_DOCUMENT_UPLOAD_BYTES) throw new BadRequest('Request Entity Too Large');
    if (upload.name === '' || upload.name === 'blob') throw new BadRequest('file name is missing');
    const caption = formattedText(params, 'caption');
    const markup = inlineKeyboard(params['reply_markup']);
    state.chatFor(chatId);
    const fileId = `sent-${upload.size}-${upload.name}`;
    state.files.set(fileId, { bytes: upload.bytes, path: `documents/${upload.name}` });
    const content: Partial<TgMessage> = { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: upload.name, mime_type: upload.type || 'application/octet-stream', file_size: upload.size } };
    if (caption) {
      content.caption = caption.text;
      if (caption.entities.length > 0) content.caption_entities = caption.entities;
    }
    if (markup) content.reply_markup = markup;
    const replyTo = replyTarget(params);
    if (replyTo !== undefined) content.reply_to_message = state.find(chatId, replyTo).message;
    Object.assign(content, state.topics.placeIn(state.chatFor(chatId), params));
    return state.botMessage(chatId, content, caption?.text ?? '');
  },

  getfile: (state, params) => {
    const fileId = params['file_id'];
    const file = typeof fileId === 'string' ? state.files.get(fileId) : undefined;
    if (!file || typeof fileId !== 'string') throw new BadRequest('invalid file_id');
    if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw new BadRequest('file is too big');
    return { file_id: fileId, file_unique_id: `u${fileId}`, file_size: file.bytes.length, file_path: file.path };
  },

  sendchataction: (state, params) => {
    state.chatFor(chatIdOf(params));
    if (typeof params['action'] !== 'string' || !CHAT_ACTIONS.has(params['action'])) throw new BadRequest('wrong parameter action in request');
    return true;
  },

  answercallbackquery: (state, params) => {
    const text = params['text'];
    if (text !== undefined && (typeof text !== 'string' || [...text].length > MAX_CALLBACK_ANSWER_CHARS)) throw new BadRequest('MESSAGE_TOO_LONG');
    const alert = params['show_alert'];
    state.answerQuery(params['callback_query_id'], text as string | undefined, alert === true || alert === 'true');
    return true;
  },

  setmycommands: (state, params) => {
    const commands = botCommands(params['commands']);
    state.commandMenus.set(menuKey(params), commands);
    return true;
  },

  getmycommands: (state, params) => state.commandMenus.get(menuKey(params)) ?? [],

  deletemycommands: (state, params) => state.commandMenus.delete(menuKey(params)) || true,

  getchatmember: (state, params) => {
    const chatId = chatIdOf(params);
    const userId = integerOf(params, 'user_id');
    if (userId === undefined) throw new BadRequest('user not found');
    const status: MemberStatus = state.member(chatId, userId);
    // Asked about the account anonymous admins share, Telegram describes that account: a member like any other,
    // which says nothing about whoever sent a message as the group.
    const user = userId === GROUP_ANONYMOUS_BOT.id ? GROUP_ANONYMOUS_BOT : { id: userId, is_bot: false, first_name: `User${userId}` };
    return { status, user };
  },

  deletemessage: (state, params) => {
    state.find(chatIdOf(params), integerOf(params, 'message_id') ?? 0);
    return true;
  },
};

function replyTarget(params: Params): number | undefined {
  const parameters = jsonField(params['reply_parameters']) as { message_id?: unknown } | undefined;
  if (parameters && typeof parameters.message_id === 'number') return parameters.message_id;
  return integerOf(params, 'reply_to_message_id');
}

/** Menus are kept per scope and language, like Telegram's: `all_group_chats|zh`. */
export function menuKey(params: Params): string {
  const scope = (jsonField(params['scope']) as { type?: unknown } | undefined)?.type ?? 'default';
  if (typeof scope !== 'string' || !SCOPES.has(scope)) throw new BadRequest('BOT_COMMAND_SCOPE_INVALID');
  const language = params['language_code'];
  if (language !== undefined && (typeof language !== 'string' || !/^([a-z]{2})?$/.test(language))) throw new BadRequest('LANG_CODE_INVALID');
  return `${scope}|${typeof language === 'string' ? language : ''}`;
}
