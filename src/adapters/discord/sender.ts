/**
 * Sends replies through an interaction's webhook, or into a channel with the bot token (a class quiz's
 * worker-started messages, a DM): streamed updates edit one message no faster than the interval (coalesced, latest
 * wins) and keep their buttons, the final reply fills it and adds more messages for the rest, buttons on the last
 * part (none: the keyboard goes), the image and file on the first. Every message disables mention parsing and link
 * previews. discord.js's REST client reads the rate-limit headers and waits out 429s itself.
 */
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, Routes, type REST, type RawFile } from 'discord.js';
import type { Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import type { StreamLedger } from '../chat/replica-state.js';
import { StreamThrottle, type ThrottleClock } from '../chat/stream-throttle.js';
import { buttonRows, EPHEMERAL_FLAG, imageFile, NO_MENTIONS, renderParts, renderPreview, replyFile, SUPPRESS_EMBEDS_FLAG } from './render.js';
import type { DiscordRoute } from './route.js';

/** Discord allows about 5 edits per 5 s per message; one a second keeps streaming smooth and inside it. */
export const EDIT_INTERVAL_MS = 1_000;
// Progress of final replies that failed half-way (a retry must not repeat the parts already sent); bounded.
const MAX_PROGRESS_ENTRIES = 10_000;

interface StreamState {
  /** The follow-up or channel message a reply streams into (the deferred response has no id to know). */
  messageId?: string | undefined;
  /** Parts of the final reply already sent. */
  partsSent: number;
  originalDeleted: boolean;
}

interface MessageBody {
  content: string;
  allowed_mentions: typeof NO_MENTIONS;
  flags?: number;
  components?: unknown[];
  attachments?: { id: number; filename: string; description?: string }[];
  /** Channel messages: a retried create (same nonce) returns the message already made instead of a second one. */
  nonce?: string;
  enforce_nonce?: boolean;
}

/** What became of a final reply: sent, or refused for good (a retry cannot help; logged). */
export type FinalOutcome = 'sent' | 'refused';

export interface SenderOptions {
  rest: REST;
  appId: string;
  logger: Logger;
  editIntervalMs?: number;
  clock?: ThrottleClock;
  /**
   * Streams shared with other replicas of this bot (replica-state.ts): the message a reply streams into (a quiz
   * question in a channel, a follow-up) and the parts sent, so another replica or a restarted bot edits that message.
   */
  ledger?: StreamLedger | undefined;
}

export class DiscordSender {
  private readonly throttle: StreamThrottle<StreamState>;
  private readonly progress = new Map<string, StreamState>();
  /** Replies whose only edit so far is a place-in-line notice: their final need not wait out the interval. */
  private readonly noticeOnly = new Set<string>();
  private readonly intervalMs: number;

  constructor(private readonly options: SenderOptions) {
    this.intervalMs = options.editIntervalMs ?? EDIT_INTERVAL_MS;
    this.throttle = new StreamThrottle<StreamState>({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.ledger ? { ledger: options.ledger, decode: decodeStream } : {}),
      onUpdateError: (error) => options.logger.warn(describeError(error), 'discord: a streamed update failed'),
    });
  }

  /**
   * Best effort: an update shown in the reply's message — streamed text, or a place-in-line `notice`. A notice is
   * one edit, not a stream: the final that follows it goes out at once (two edits stay far inside Discord's bucket,
   * whose headers discord.js obeys anyway), instead of holding an outbox slot through the interval under load.
   */
  update(key: string, route: DiscordRoute, reply: Reply, kind: 'stream' | 'notice' = 'stream', order?: number): Promise<void> {
    if (kind === 'notice') {
      this.noticeOnly.add(key);
      if (this.noticeOnly.size > MAX_PROGRESS_ENTRIES) this.noticeOnly.delete(this.noticeOnly.values().next().value!);
    } else {
      this.noticeOnly.delete(key);
    }
    return this.throttle.update(key, this.intervalMs, async (state) => {
      const current = state ?? this.track(key);
      const rows = buttonRows(reply.buttons);
      // A live quiz question is an update with its answer buttons: every edit must carry them, or they vanish.
      const body: MessageBody = { content: renderPreview(reply.text), allowed_mentions: NO_MENTIONS, flags: SUPPRESS_EMBEDS_FLAG, ...(rows.length > 0 ? { components: rows } : {}) };
      await this.sendFirst(key, route, current, body);
      return current;
    }, order);
  }

  /**
   * The final reply, always sent; rejects (for the outbox to retry) only when a retry could succeed, and resolves
   * 'refused' when Discord refused it for good (closed DMs, a missing permission, an expired interaction).
   */
  async final(key: string, route: DiscordRoute, reply: Reply): Promise<FinalOutcome> {
    const intervalMs = this.noticeOnly.delete(key) ? 0 : this.intervalMs;
    try {
      await this.throttle.final(key, intervalMs, (state) => this.sendFinal(key, route, reply, state));
      return 'sent';
    } catch (error) {
      if (isPermanent(error)) {
        this.progress.delete(key);
        this.options.logger.warn({ ...describeError(error), mode: route.mode }, 'discord: a reply was refused');
        return 'refused';
      }
      throw error;
    }
  }

  /** The DM channel with a user (`POST /users/@me/channels`); undefined when Discord refuses it for good. */
  async openDm(userId: string): Promise<string | undefined> {
    try {
      const channel = (await this.options.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      return channel.id;
    } catch (error) {
      if (!isPermanent(error)) throw error;
      this.options.logger.warn(describeError(error), 'discord: could not open a DM');
      return undefined;
    }
  }

  /** Deletes a deferred response nobody needs any more (a private reply that went to the asker's DMs). */
  async deleteOriginal(token: string): Promise<void> {
    await this.options.rest.delete(Routes.webhookMessage(this.options.appId, token, '@original'), { auth: false }).catch((error: unknown) => {
      this.options.logger.warn(describeError(error), 'discord: could not delete a deferred response');
    });
  }

  private async sendFinal(key: string, route: DiscordRoute, reply: Reply, state: StreamState | undefined): Promise<StreamState> {
    // The stream's state first: with a ledger it is what any replica did last (the local map is this process's only).
    const current = state ?? this.progress.get(key) ?? this.track(key);
    this.progress.set(key, current);
    const parts = renderParts(reply.text);
    const rows = buttonRows(reply.buttons);
    const image = imageFile(reply);
    const file = replyFile(reply);
    // An error, or a private reply, is the asker's business: a public "thinking…" response gives way to a private message.
    const privately = route.mode !== 'channel' && (route.ephemeral || reply.error !== undefined || reply.askerOnly === true);
    const movePrivate = privately && !route.ephemeral && route.mode === 'reply';
    if (movePrivate && !current.originalDeleted) {
      await this.options.rest.delete(Routes.webhookMessage(this.options.appId, route.token!, '@original'), { auth: false });
      current.originalDeleted = true;
    }
    for (let i = current.partsSent; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const body: MessageBody = { content: parts[i]!, allowed_mentions: NO_MENTIONS, flags: SUPPRESS_EMBEDS_FLAG, components: last ? rows : [] };
      const files: RawFile[] = [];
      if (i === 0) {
        for (const attached of [image, file]) {
          if (!attached) continue;
          (body.attachments ??= []).push({ id: files.length, filename: attached.name, ...(attached.description ? { description: attached.description } : {}) });
          files.push({ name: attached.name, data: attached.data, contentType: attached.contentType });
        }
      }
      if (i === 0 && !movePrivate) await this.sendFirst(key, { ...route, ephemeral: privately }, current, body, files);
      else if (route.mode === 'channel') await this.post(route.channelId!, { ...body, ...nonceOf(key, i) }, files);
      else await this.followUp(route.token!, { ...body, flags: SUPPRESS_EMBEDS_FLAG | (privately ? EPHEMERAL_FLAG : 0) }, files);
      current.partsSent = i + 1;
    }
    this.progress.delete(key);
    return current;
  }

  /**
   * The reply's own message: the deferred response; for a button press the follow-up it streams into; in a channel
   * the message posted first and edited after (a quiz question whose count and buttons change).
   */
  private async sendFirst(key: string, route: DiscordRoute, state: StreamState, body: MessageBody, files: RawFile[] = []): Promise<void> {
    const { rest, appId } = this.options;
    if (route.mode === 'channel') {
      const channelId = route.channelId!;
      if (state.messageId) await rest.patch(Routes.channelMessage(channelId, state.messageId), { body, files });
      else state.messageId = (await this.post(channelId, { ...body, ...nonceOf(key, 0) }, files)).id;
      return;
    }
    const token = route.token!;
    if (route.mode === 'reply') {
      await rest.patch(Routes.webhookMessage(appId, token, '@original'), { body, files, auth: false });
      return;
    }
    if (state.messageId) {
      await rest.patch(Routes.webhookMessage(appId, token, state.messageId), { body, files, auth: false });
      return;
    }
    const sent = await this.followUp(token, { ...body, flags: SUPPRESS_EMBEDS_FLAG | (route.ephemeral ? EPHEMERAL_FLAG : 0) }, files);
    state.messageId = sent.id;
  }

  /** A new message in a channel, with the bot token: the bot needs View Channel and Send Messages (Attach Files for files) there. */
  private async post(channelId: string, body: MessageBody, files: RawFile[]): Promise<{ id: string }> {
    return (await this.options.rest.post(Routes.channelMessages(channelId), { body, files })) as { id: string };
  }

  private async followUp(token: string, body: MessageBody, files: RawFile[]): Promise<{ id: string }> {
    const query = new URLSearchParams({ wait: 'true' });
    return (await this.options.rest.post(Routes.webhook(this.options.appId, token), { body, files, query, auth: false })) as { id: string };
  }

  private track(key: string): StreamState {
    const state: StreamState = { partsSent: 0, originalDeleted: false };
    this.progress.set(key, state);
    if (this.progress.size > MAX_PROGRESS_ENTRIES) this.progress.delete(this.progress.keys().next().value!);
    return state;
  }
}

function decodeStream(stored: unknown): StreamState | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const raw = stored as Record<string, unknown>;
  return {
    ...(typeof raw['messageId'] === 'string' ? { messageId: raw['messageId'] } : {}),
    partsSent: typeof raw['partsSent'] === 'number' ? raw['partsSent'] : 0,
    originalDeleted: raw['originalDeleted'] === true,
  };
}

/** A nonce per reply part (≤ 25 characters): an outbox retry of a create that did go through makes no second message. */
function nonceOf(key: string, part: number): { nonce: string; enforce_nonce: true } {
  return { nonce: createHash('sha256').update(`${key}:${part}`).digest('base64url').slice(0, 25), enforce_nonce: true };
}

/** A refusal no retry can fix (a bad request, an expired interaction); 429s and server errors are worth retrying. */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof DiscordAPIError || error instanceof HTTPError)) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * What may be logged about a failed call: status and Discord's error code. Never the error itself: its URL holds
 * the interaction token.
 */
export function describeError(error: unknown): { status?: number; code?: number | string; name?: string } {
  const { status, code, name } = (error ?? {}) as { status?: unknown; code?: unknown; name?: unknown };
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof code === 'number' || typeof code === 'string' ? { code } : {}),
    ...(typeof name === 'string' ? { name } : {}),
  };
}
