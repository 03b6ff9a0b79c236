/** Stored messages as Discord keeps them, shared by interaction responses and channel messages. */
import { snowflake } from './http.js';
import type { RecordedFile, StoredMessage } from './types.js';

type Json = Record<string, unknown>;

export function newMessage(channelId: string, data: Json, files: RecordedFile[], flags: number): StoredMessage {
  const message: StoredMessage = { id: snowflake(), channel_id: channelId, content: '', components: [], embeds: [], attachments: [], flags, created_at: new Date().toISOString(), edited_at: null };
  applyMessage(message, data, files);
  message.edited_at = null;
  return message;
}

/** An edit (or the creation's content): fields left out stay; files replace the attachments. */
export function applyMessage(message: StoredMessage, data: Json, files: RecordedFile[]): void {
  if (typeof data['content'] === 'string') message.content = data['content'];
  if (Array.isArray(data['components'])) message.components = data['components'];
  if (Array.isArray(data['embeds'])) message.embeds = data['embeds'];
  if (Array.isArray(data['attachments']) || files.length > 0) {
    const described = Array.isArray(data['attachments']) ? (data['attachments'] as Json[]) : [];
    message.attachments = files.map((file, i) => {
      const meta = described.find((candidate) => String(candidate['id']) === String(i)) ?? described[i] ?? {};
      const id = snowflake();
      const url = `https://cdn.discordapp.invalid/attachments/${message.channel_id}/${id}/${file.filename}`;
      return { id, filename: String(meta['filename'] ?? file.filename), ...(typeof meta['description'] === 'string' ? { description: meta['description'] } : {}), size: file.size, url, proxy_url: url, content_type: file.contentType };
    });
  }
  message.edited_at = new Date().toISOString();
}

export function messageJson(message: StoredMessage, bot: { id: string; username: string }, extra: Json = {}): Json {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channel_id,
    content: message.content,
    author: { id: bot.id, username: bot.username, discriminator: '0', avatar: null, bot: true, global_name: null },
    timestamp: message.created_at,
    edited_timestamp: message.edited_at,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments,
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    flags: message.flags,
    ...extra,
  };
}
