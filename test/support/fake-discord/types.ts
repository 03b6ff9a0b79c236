/** Shapes the fake Discord records and serves. Only what the tutor and discord.js touch; plain JSON throughout. */

/** Which endpoint a call hit, so tests filter calls without re-parsing paths. */
export type RouteName =
  | 'gateway.get'
  | 'me.get'
  | 'commands.put'
  | 'commands.get'
  | 'callback'
  | 'original.get'
  | 'original.patch'
  | 'original.delete'
  | 'followup.post'
  | 'followup.patch'
  | 'channel.post'
  | 'channel.patch'
  | 'channel.get'
  | 'thread.create'
  | 'dm.open'
  | 'attachment.get'
  | 'unknown';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** One REST call as the fake saw it: when it arrived (ms, `now()`), what it carried, what it answered. */
export interface RecordedCall {
  seq: number;
  at: number;
  method: string;
  /** The path below /api/v10, URL-decoded (`@original`, not `%40original`). */
  path: string;
  route: RouteName;
  query: Record<string, string>;
  /** The JSON body, or a multipart request's payload_json. */
  body: unknown;
  files: RecordedFile[];
  status: number;
  /** The interaction a callback or webhook call belongs to. */
  interactionId?: string | undefined;
  /** The channel a bot-token message call went to (`/channels/{id}/messages…`). */
  channelId?: string | undefined;
  /** Whether the request carried `Authorization: Bot <token>` with the right token. */
  authorized: boolean;
}

/** What a message-sending call asked for (callback 4/7, edits, follow-ups), for assertions on every message. */
export interface SentMessage {
  callSeq: number;
  at: number;
  route: RouteName;
  /** Set for interaction responses and follow-ups; undefined for channel messages sent with the bot token. */
  interactionId: string | undefined;
  /** Set for channel messages sent with the bot token. */
  channelId?: string | undefined;
  /** The message created or edited, when Discord accepted the call. */
  messageId?: string | undefined;
  content: string | undefined;
  allowedMentions: unknown;
  flags: number | undefined;
  components: unknown[] | undefined;
  attachments: { filename: string; description?: string | undefined }[];
  files: RecordedFile[];
  status: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  components: unknown[];
  embeds: unknown[];
  attachments: { id: string; filename: string; description?: string; size: number; url: string; proxy_url: string; content_type: string }[];
  flags: number;
  created_at: string;
  edited_at: string | null;
}

/** Discord's interaction types (the subset pushed here). */
export const InteractionKind = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

/** One interaction pushed through the gateway, and what the bot has done with it so far. */
export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  pushedAt: number;
  channelId: string;
  /** The callback the bot sent (only one is allowed). */
  callback?: { type: number; at: number; ephemeral: boolean } | undefined;
  /** The response message (@original): created by callback 4/5, or the component's message for 6/7. */
  original?: StoredMessage | undefined;
  /** Whether @original has been given content yet (a deferred reply shows "thinking…" until then). */
  originalFilled: boolean;
  followUps: StoredMessage[];
}

/** A file the fake serves like Discord's CDN serves attachments (for `/quiz import`). */
export interface HostedFile {
  id: string;
  filename: string;
  bytes: Buffer;
  contentType: string;
  /** The size the interaction reports (defaults to the real size; a test may lie to check the byte bound). */
  size: number;
  url: string;
}

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

/** A request the fake refuses: HTTP status and Discord's error JSON. */
export class FakeDiscordError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(body.message);
  }
}
