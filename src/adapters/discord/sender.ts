/**
 * Sends replies through an interaction's webhook: streamed updates edit one message no faster than the interval
 * (coalesced, latest wins), the final reply fills it and adds follow-ups for the rest, buttons on the last part,
 * the image on the first. Every message disables mention parsing and link previews. discord.js's REST client reads
 * the rate-limit headers and waits out 429s itself.
 */
import { Routes, type REST, type RawFile } from 'discord.js';
import type { Logger } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import { StreamThrottle, type ThrottleClock } from '../chat/stream-throttle.js';
import { buttonRows, EPHEMERAL_FLAG, imageFile, NO_MENTIONS, renderParts, renderPreview, SUPPRESS_EMBEDS_FLAG } from './render.js';
import type { DiscordRoute } from './route.js';

/** Discord allows about 5 edits per 5 s per message; one a second keeps streaming smooth and inside it. */
export const EDIT_INTERVAL_MS = 1_000;
// Progress of final replies that failed half-way (a retry must not repeat the parts already sent); bounded.
const MAX_PROGRESS_ENTRIES = 10_000;

interface StreamState {
  /** The follow-up message a button's reply streams into (the deferred response has no id to know). */
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
  attachments?: { id: number; filename: string; description: string }[];
}

export interface SenderOptions {
  rest: REST;
  appId: string;
  logger: Logger;
  editIntervalMs?: number;
  clock?: ThrottleClock;
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
      onUpdateError: (error) => options.logger.warn(describeError(error), 'discord: a streamed update failed'),
    });
  }

  /**
   * Best effort: an update shown in the reply's message — streamed text, or a place-in-line `notice`. A notice is
   * one edit, not a stream: the final that follows it goes out at once (two edits stay far inside Discord's bucket,
   * whose headers discord.js obeys anyway), instead of holding an outbox slot through the interval under load.
   */
  update(key: string, route: DiscordRoute, reply: Reply, kind: 'stream' | 'notice' = 'stream'): Promise<void> {
    if (kind === 'notice') {
      this.noticeOnly.add(key);
      if (this.noticeOnly.size > MAX_PROGRESS_ENTRIES) this.noticeOnly.delete(this.noticeOnly.values().next().value!);
    } else {
      this.noticeOnly.delete(key);
    }
    return this.throttle.update(key, this.intervalMs, async (state) => {
      const current = state ?? this.track(key);
      await this.sendFirst(route, current, { content: renderPreview(reply.text), allowed_mentions: NO_MENTIONS, flags: SUPPRESS_EMBEDS_FLAG });
      return current;
    });
  }

  /** The final reply, always sent; rejects (for the outbox to retry) only when a retry could succeed. */
  async final(key: string, route: DiscordRoute, reply: Reply): Promise<void> {
    const intervalMs = this.noticeOnly.delete(key) ? 0 : this.intervalMs;
    try {
      await this.throttle.final(key, intervalMs, (state) => this.sendFinal(key, route, reply, state));
    } catch (error) {
      if (isPermanent(error)) {
        this.progress.delete(key);
        this.options.logger.warn(describeError(error), 'discord: a reply was refused');
        return;
      }
      throw error;
    }
  }

  private async sendFinal(key: string, route: DiscordRoute, reply: Reply, state: StreamState | undefined): Promise<StreamState> {
    const current = this.progress.get(key) ?? state ?? this.track(key);
    this.progress.set(key, current);
    const parts = renderParts(reply.text);
    const rows = buttonRows(reply.buttons);
    const image = imageFile(reply);
    // An error is the asker's business: a public "thinking…" response gives way to a private message.
    const privately = route.ephemeral || reply.error !== undefined;
    const movePrivate = privately && !route.ephemeral && route.mode === 'reply';
    if (movePrivate && !current.originalDeleted) {
      await this.options.rest.delete(Routes.webhookMessage(this.options.appId, route.token, '@original'), { auth: false });
      current.originalDeleted = true;
    }
    for (let i = current.partsSent; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const body: MessageBody = { content: parts[i]!, allowed_mentions: NO_MENTIONS, flags: SUPPRESS_EMBEDS_FLAG, components: last ? rows : [] };
      const files: RawFile[] = [];
      if (i === 0 && image) {
        body.attachments = [{ id: 0, filename: image.name, description: image.description }];
        files.push({ name: image.name, data: image.data, contentType: image.contentType });
      }
      if (i === 0 && !movePrivate) await this.sendFirst({ ...route, ephemeral: privately }, current, body, files);
      else await this.followUp(route.token, { ...body, flags: SUPPRESS_EMBEDS_FLAG | (privately ? EPHEMERAL_FLAG : 0) }, files);
      current.partsSent = i + 1;
    }
    this.progress.delete(key);
    return current;
  }

  /** The reply's own message: the deferred response, or for a button press the follow-up it streams into. */
  private async sendFirst(route: DiscordRoute, state: StreamState, body: MessageBody, files: RawFile[] = []): Promise<void> {
    const { rest, appId } = this.options;
    if (route.mode === 'reply') {
      await rest.patch(Routes.webhookMessage(appId, route.token, '@original'), { body, files, auth: false });
      return;
    }
    if (state.messageId) {
      await rest.patch(Routes.webhookMessage(appId, route.token, state.messageId), { body, files, auth: false });
      return;
    }
    const sent = await this.followUp(route.token, { ...body, flags: SUPPRESS_EMBEDS_FLAG | (route.ephemeral ? EPHEMERAL_FLAG : 0) }, files);
    state.messageId = sent.id;
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

/** A refusal no retry can fix (a bad request, an expired interaction); 429s and server errors are worth retrying. */
function isPermanent(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
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
