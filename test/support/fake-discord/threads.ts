/**
 * Threads started from a message (`POST /channels/{channel}/messages/{message}/threads`), as Discord rules them:
 * the message must be in the channel (a channel message, or an interaction's response there, ephemeral ones
 * excepted: 404 10008 Unknown Message), a `name` of 1–100 characters, an `auto_archive_duration` of
 * 60, 1440, 4320 or 10080 minutes, one thread per message (400 160004), none in a thread or a DM (400 50024), and
 * Create Public Threads (403 50013) where `noThreadRights` holds the channel. The thread is a channel object of
 * type 11 (PUBLIC_THREAD) whose id takes messages like any channel (ChannelDesk).
 */
import { snowflake } from './http.js';
import { invalidFormBody } from './validate.js';
import { FakeDiscordError, type StoredMessage } from './types.js';

type Json = Record<string, unknown>;

export const PUBLIC_THREAD = 11;
const GUILD_TEXT = 0;
const ARCHIVE_MINUTES = new Set([60, 1440, 4320, 10080]);
const MAX_NAME_CHARS = 100;
const EPHEMERAL_FLAG = 1 << 6;

export interface FakeThread {
  id: string;
  parentId: string;
  messageId: string;
  name: string;
  autoArchiveMinutes: number;
}

export class ThreadDesk {
  /** Threads by id. */
  readonly threads = new Map<string, FakeThread>();
  /** Channels where the bot lacks Create Public Threads. */
  readonly noThreadRights = new Set<string>();
  /** Channels where threads cannot be (DMs, group DMs, voice): 400 50024. */
  readonly noThreadChannels = new Set<string>();

  constructor(
    private readonly findMessage: (channelId: string, messageId: string) => StoredMessage | undefined,
    private readonly guildOf: (channelId: string) => string | undefined,
  ) {}

  start(channelId: string, messageId: string, body: unknown): { status: number; body: Json } {
    if (this.threads.has(channelId) || this.noThreadChannels.has(channelId)) throw new FakeDiscordError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
    if (this.noThreadRights.has(channelId)) throw new FakeDiscordError(403, { message: 'Missing Permissions', code: 50013 });
    const message = this.findMessage(channelId, messageId);
    if (!message || (message.flags & EPHEMERAL_FLAG) !== 0) throw new FakeDiscordError(404, { message: 'Unknown Message', code: 10008 });
    if ([...this.threads.values()].some((thread) => thread.messageId === messageId)) throw new FakeDiscordError(400, { message: 'A thread has already been created for this message', code: 160004 });
    const data = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const name = data['name'];
    if (typeof name !== 'string' || name.trim().length === 0 || [...name].length > MAX_NAME_CHARS) {
      throw invalidFormBody([{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MAX_NAME_CHARS} in length.` }]);
    }
    const archive = data['auto_archive_duration'] ?? 4320;
    if (typeof archive !== 'number' || !ARCHIVE_MINUTES.has(archive)) throw invalidFormBody([{ path: ['auto_archive_duration'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {60, 1440, 4320, 10080}.' }]);
    const thread: FakeThread = { id: snowflake(), parentId: channelId, messageId, name, autoArchiveMinutes: archive };
    this.threads.set(thread.id, thread);
    return { status: 201, body: this.toJson(thread) };
  }

  toJson(thread: FakeThread): Json {
    return {
      id: thread.id,
      type: PUBLIC_THREAD,
      guild_id: this.guildOf(thread.parentId) ?? null,
      parent_id: thread.parentId,
      name: thread.name,
      owner_id: null,
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: thread.autoArchiveMinutes, archive_timestamp: new Date().toISOString(), locked: false },
      flags: 0,
      parent_type: GUILD_TEXT,
    };
  }
}
