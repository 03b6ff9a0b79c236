/**
 * Channel messages sent with the bot token (`POST /channels/{id}/messages`, edits with PATCH), DM channels
 * (`POST /users/@me/channels`), and what Discord refuses there: a channel the bot is not in (403, 50001: a group
 * DM, a server reached only through a user install), a channel the bot may not post in (403, 50013),
 * a user whose DMs are closed (403, 50007), unknown messages (404, 10008). `enforce_nonce` de-duplicates a retried
 * create, as Discord does for a few minutes.
 */
import { snowflake } from './http.js';
import { applyMessage, messageJson, newMessage } from './messages.js';
import { invalidFormBody, validateMessage } from './validate.js';
import { FakeDiscordError, type RecordedFile, type StoredMessage } from './types.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_NONCE_LENGTH = 25;
const SNOWFLAKE = /^\d{15,21}$/;

export class ChannelDesk {
  /** Messages by channel id, in order of creation. */
  readonly channels = new Map<string, StoredMessage[]>();
  /** DM channel id by user id. */
  readonly dms = new Map<string, string>();
  /** Users whose DMs are closed to the bot (privacy settings, or they blocked it). */
  readonly closedDms = new Set<string>();
  /** Channels the bot lacks View Channel / Send Messages in. */
  readonly deniedChannels = new Set<string>();
  /**
   * Channels the bot is not a member of: a group DM, or a server that has not added the bot, where only a user
   * install of the app was used (filled from such interactions as they are pushed). Bot-token calls: 403, 50001.
   */
  readonly foreignChannels = new Set<string>();
  private readonly nonces = new Map<string, StoredMessage>();

  constructor(private readonly bot: { id: string; username: string }) {}

  messagesIn(channelId: string): StoredMessage[] {
    return this.channels.get(channelId) ?? [];
  }

  /** POST /users/@me/channels: opens (or returns) the DM channel with a user. Opening works even when DMs are closed. */
  openDm(body: unknown): { status: number; body: Json } {
    const recipient = isObject(body) ? body['recipient_id'] : undefined;
    if (typeof recipient !== 'string' || !SNOWFLAKE.test(recipient)) {
      throw invalidFormBody([{ path: ['recipient_id'], code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' }]);
    }
    let id = this.dms.get(recipient);
    if (!id) {
      id = snowflake();
      this.dms.set(recipient, id);
    }
    return { status: 200, body: { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: 'student', discriminator: '0', avatar: null, global_name: null }] } };
  }

  create(channelId: string, body: unknown, files: RecordedFile[]): { status: number; body: Json } {
    this.checkAccess(channelId);
    validateMessage(body, { hasFiles: files.length > 0 });
    const data = body as Json;
    const nonce = data['nonce'];
    if (nonce !== undefined && (typeof nonce === 'string' ? nonce.length > MAX_NONCE_LENGTH : typeof nonce !== 'number')) {
      throw invalidFormBody([{ path: ['nonce'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_NONCE_LENGTH} or fewer in length.` }]);
    }
    const nonceKey = nonce !== undefined && data['enforce_nonce'] === true ? `${channelId}:${String(nonce)}` : undefined;
    const earlier = nonceKey ? this.nonces.get(nonceKey) : undefined;
    if (earlier) return { status: 200, body: messageJson(earlier, this.bot) };
    const message = newMessage(channelId, data, files, Number(data['flags'] ?? 0));
    const list = this.channels.get(channelId) ?? [];
    list.push(message);
    this.channels.set(channelId, list);
    if (nonceKey) this.nonces.set(nonceKey, message);
    return { status: 200, body: messageJson(message, this.bot) };
  }

  edit(channelId: string, messageId: string, body: unknown, files: RecordedFile[]): { status: number; body: Json } {
    this.checkAccess(channelId);
    const message = this.find(channelId, messageId);
    validateMessage(body, { hasFiles: files.length > 0, existing: message });
    applyMessage(message, body as Json, files);
    return { status: 200, body: messageJson(message, this.bot) };
  }

  get(channelId: string, messageId: string): { status: number; body: Json } {
    this.checkAccess(channelId);
    return { status: 200, body: messageJson(this.find(channelId, messageId), this.bot) };
  }

  private find(channelId: string, messageId: string): StoredMessage {
    const message = this.messagesIn(channelId).find((candidate) => candidate.id === messageId);
    if (!message) throw new FakeDiscordError(404, { message: 'Unknown Message', code: 10008 });
    return message;
  }

  private checkAccess(channelId: string): void {
    if (this.foreignChannels.has(channelId)) throw new FakeDiscordError(403, { message: 'Missing Access', code: 50001 });
    if (this.deniedChannels.has(channelId)) throw new FakeDiscordError(403, { message: 'Missing Permissions', code: 50013 });
    for (const [user, dm] of this.dms) {
      if (dm === channelId && this.closedDms.has(user)) throw new FakeDiscordError(403, { message: 'Cannot send messages to this user', code: 50007 });
    }
  }
}
