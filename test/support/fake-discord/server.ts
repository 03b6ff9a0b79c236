/**
 * A fake Discord (REST API v10 + gateway) on 127.0.0.1, port 0, for driving the real discord.js client in tests:
 * `new Client({ rest: { api: fake.api } })`. It records every call with its arrival time and parsed body, validates
 * what Discord validates (answering Discord's error JSON), can answer 429 with rate-limit headers, and pushes
 * interactions through the gateway.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ChannelDesk } from './channels.js';
import { validateCommands } from './commands.js';
import { FakeGateway } from './gateway.js';
import { readBody, sendJson, snowflake, type ParsedBody } from './http.js';
import { CallbackType, INTERACTION_CALLBACK_DEADLINE_MS, INTERACTION_TOKEN_LIFETIME_MS, InteractionDesk } from './interactions.js';
import { ThreadDesk } from './threads.js';
import { FakeDiscordError, type FakeInteraction, type HostedFile, type RecordedCall, type RouteName, type SentMessage } from './types.js';

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  botId?: string;
  /** Clock for recorded times and the 3 s / 15 min windows; defaults to performance.now() (comparable in-process). */
  now?: () => number;
  heartbeatIntervalMs?: number;
  callbackDeadlineMs?: number;
  /** Per-interaction webhook bucket (Discord allows about 5 edits per 5 s): headers on every answer, 429 past it. */
  webhookBucket?: { limit: number; windowMs: number };
  /** The shard count GET /gateway/bot recommends (default 1). */
  shards?: number;
  /** `session_start_limit.max_concurrency`: shards that may identify in the same 5 s (default 1, as for most bots). */
  maxConcurrency?: number;
}

interface ForcedLimit {
  route: RouteName;
  remaining: number;
  retryAfterMs: number;
  global: boolean;
}

const LOOPBACK = '127.0.0.1';
const WAIT_POLL_MS = 5;

export class FakeDiscord {
  readonly token: string;
  readonly appId: string;
  readonly bot: { id: string; username: string };
  readonly calls: RecordedCall[] = [];
  readonly messages: SentMessage[] = [];
  /** Command lists registered: key `global` or `guild:<id>`. */
  readonly registered = new Map<string, unknown[]>();
  readonly gateway: FakeGateway;
  /** Channel and DM messages sent with the bot token; `closedDms` / `deniedChannels` make Discord refuse them. */
  readonly channels: ChannelDesk;
  readonly threads: ThreadDesk;
  /** Attachments served on 127.0.0.1, and each download of one (by attachment id). */
  readonly hosted = new Map<string, HostedFile>();
  readonly downloads: string[] = [];
  readonly now: () => number;
  private readonly desk: InteractionDesk;
  private readonly server: Server;
  private readonly forced: ForcedLimit[] = [];
  private readonly buckets = new Map<string, number[]>();
  private port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token.for-tests-only';
    this.appId = options.appId ?? '600000000000000001';
    this.bot = { id: options.botId ?? this.appId, username: 'gpt-tutor' };
    this.now = options.now ?? (() => performance.now());
    this.desk = new InteractionDesk({
      appId: this.appId,
      bot: this.bot,
      now: this.now,
      callbackDeadlineMs: options.callbackDeadlineMs ?? INTERACTION_CALLBACK_DEADLINE_MS,
      tokenLifetimeMs: INTERACTION_TOKEN_LIFETIME_MS,
    });
    this.gateway = new FakeGateway({
      token: this.token,
      bot: this.bot,
      appId: this.appId,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => this.gatewayUrl,
      now: this.now,
    });
    this.channels = new ChannelDesk(this.bot);
    // A thread starts from a message in its channel: a bot's channel message, or an interaction's response there.
    const responseIn = (channelId: string) => this.desk.all.filter((interaction) => interaction.channelId === channelId);
    this.threads = new ThreadDesk(
      (channelId, messageId) => this.channels.messagesIn(channelId).find((message) => message.id === messageId) ?? responseIn(channelId).find((interaction) => interaction.original?.id === messageId)?.original,
      (channelId) => responseIn(channelId).map((interaction) => interaction.payload['guild_id']).find((id): id is string => typeof id === 'string'),
    );
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('upgrade', (request, socket, head) => {
      if ((request.url ?? '').startsWith('/gateway')) this.gateway.upgrade(request, socket, head);
      else socket.destroy();
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, LOOPBACK, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** For discord.js's `rest.api` option: the base URL including /api (discord.js adds /v10). */
  get api(): string {
    return `http://${LOOPBACK}:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${LOOPBACK}:${this.port}/gateway`;
  }

  /**
   * Serves a file as an attachment would be (`GET /attachments/{id}/{name}`, no auth, like the CDN) and returns the
   * resolved attachment object for an interaction's `data.resolved.attachments`. `size` overrides the reported size.
   */
  hostFile(filename: string, bytes: Buffer, options: { contentType?: string; size?: number } = {}): Record<string, unknown> {
    const id = snowflake();
    const url = `http://${LOOPBACK}:${this.port}/attachments/${id}/${encodeURIComponent(filename)}`;
    const file: HostedFile = { id, filename, bytes, contentType: options.contentType ?? 'text/csv', size: options.size ?? bytes.length, url };
    this.hosted.set(id, file);
    return { id, filename, size: file.size, url, proxy_url: url, content_type: file.contentType, ephemeral: true };
  }

  /**
   * Pushes an INTERACTION_CREATE (built with payloads.ts) to the connected bot — to the sessions of its server's
   * shard, or shard 0 for a DM; its 3 s window starts now.
   */
  interact(partial: Record<string, unknown>): FakeInteraction {
    const interaction = this.desk.create(partial);
    const guildId = typeof interaction.payload['guild_id'] === 'string' ? interaction.payload['guild_id'] : null;
    if (!botIsMember(interaction.payload) && interaction.channelId) this.channels.foreignChannels.add(interaction.channelId);
    if (this.gateway.dispatch('INTERACTION_CREATE', interaction.payload, guildId) === 0) throw new Error(`fake discord: no bot session of this interaction's shard is connected to the gateway (${guildId ? `server ${guildId}` : 'a DM'})`);
    return interaction;
  }

  interaction(id: string): FakeInteraction | undefined {
    return this.desk.get(id);
  }

  get interactions(): FakeInteraction[] {
    return this.desk.all;
  }

  /** The next `count` calls to `route` answer 429 with Retry-After (per-route, or global). */
  rateLimitNext(route: RouteName, options: { count?: number; retryAfterMs: number; global?: boolean }): void {
    this.forced.push({ route, remaining: options.count ?? 1, retryAfterMs: options.retryAfterMs, global: options.global ?? false });
  }

  callsOf(interactionId: string): RecordedCall[] {
    return this.calls.filter((call) => call.interactionId === interactionId);
  }

  /** Waits (bounded) until a recorded call matches; calls are recorded once answered. */
  async waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    let found: RecordedCall | undefined;
    await this.waitUntil(() => (found = this.calls.find((call) => call.status !== 0 && predicate(call))) !== undefined, timeoutMs);
    return found!;
  }

  async waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`fake discord: condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = this.now();
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    if (url.pathname.startsWith('/attachments/')) {
      this.serveFile(url.pathname, request, response, at);
      return;
    }
    const path = url.pathname.replace(/^\/api\/v10/, '').split('/').map((part) => safeDecode(part)).join('/');
    const method = request.method ?? 'GET';
    const call: RecordedCall = {
      seq: this.calls.length + 1,
      at,
      method,
      path,
      route: 'unknown',
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      authorized: request.headers.authorization === `Bot ${this.token}`,
    };
    this.calls.push(call);
    let parsed: ParsedBody = { body: undefined, files: [] };
    let headers: Record<string, string> = {};
    try {
      parsed = await readBody(request);
      call.body = parsed.body;
      call.files = parsed.files;
      const outcome = this.route(call, method, path.split('/').filter(Boolean), parsed);
      headers = this.limitHeaders(call);
      call.status = outcome.status;
      this.recordMessage(call, parsed, outcome.body);
      sendJson(response, outcome.status, outcome.body, headers);
    } catch (error) {
      if (error instanceof RateLimited) {
        call.status = 429;
        sendJson(response, 429, { message: 'You are being rate limited.', retry_after: error.retryAfterMs / 1000, global: error.global }, error.headers);
        return;
      }
      const failure = error instanceof FakeDiscordError ? error : new FakeDiscordError(500, { message: '500: Internal Server Error', code: 0 });
      call.status = failure.status;
      this.recordMessage(call, parsed);
      sendJson(response, failure.status, failure.body, headers);
    }
  }

  private route(call: RecordedCall, method: string, parts: string[], parsed: ParsedBody): { status: number; body?: unknown } {
    const [head, a, b, c, d, e] = parts;
    const needAuth = () => {
      if (!call.authorized) throw new FakeDiscordError(401, { message: '401: Unauthorized', code: 0 });
    };
    if (head === 'gateway' && a === 'bot' && method === 'GET') {
      call.route = 'gateway.get';
      needAuth();
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.options.maxConcurrency ?? 1 };
      return { status: 200, body: { url: this.gatewayUrl, shards: this.options.shards ?? 1, session_start_limit: limit } };
    }
    if (head === 'users' && a === '@me' && b === 'channels' && method === 'POST') {
      call.route = 'dm.open';
      needAuth();
      return this.channels.openDm(parsed.body);
    }
    if (head === 'channels' && a && b === 'messages' && c && d === 'threads' && e === undefined && method === 'POST') {
      call.channelId = a;
      call.route = 'thread.create';
      needAuth();
      return this.threads.start(a, c, parsed.body);
    }
    if (head === 'channels' && a && b === 'messages' && e === undefined) {
      call.channelId = a;
      call.route = c === undefined ? 'channel.post' : method === 'GET' ? 'channel.get' : 'channel.patch';
      needAuth();
      this.rateLimitCheck(call);
      if (c === undefined && method === 'POST') return this.channels.create(a, parsed.body, parsed.files);
      if (c && d === undefined && method === 'PATCH') return this.channels.edit(a, c, parsed.body, parsed.files);
      if (c && d === undefined && method === 'GET') return this.channels.get(a, c);
      throw new FakeDiscordError(405, { message: '405: Method Not Allowed', code: 0 });
    }
    if (head === 'users' && a === '@me' && method === 'GET') {
      call.route = 'me.get';
      needAuth();
      return { status: 200, body: { id: this.bot.id, username: this.bot.username, discriminator: '0', avatar: null, bot: true, global_name: null, flags: 0 } };
    }
    if (head === 'applications' && a !== undefined && (b === 'commands' || (b === 'guilds' && d === 'commands'))) {
      call.route = method === 'PUT' ? 'commands.put' : 'commands.get';
      needAuth();
      if (a !== this.appId) throw new FakeDiscordError(403, { message: 'Missing Access', code: 50001 });
      const key = b === 'guilds' ? `guild:${c}` : 'global';
      if (method === 'GET') return { status: 200, body: this.registered.get(key) ?? [] };
      if (method !== 'PUT') throw new FakeDiscordError(405, { message: '405: Method Not Allowed', code: 0 });
      this.rateLimitCheck(call);
      validateCommands(parsed.body);
      const saved = (parsed.body as Record<string, unknown>[]).map((command) => ({ ...command, id: snowflake(), application_id: this.appId, version: snowflake(), ...(b === 'guilds' ? { guild_id: c } : {}) }));
      this.registered.set(key, saved);
      return { status: 200, body: saved };
    }
    if (head === 'interactions' && a && b && c === 'callback' && method === 'POST') {
      call.route = 'callback';
      call.interactionId = a;
      this.rateLimitCheck(call);
      const interaction = this.desk.forCallback(a, b);
      if (!interaction) throw new FakeDiscordError(404, { message: 'Unknown interaction', code: 10062 });
      return this.desk.callback(interaction, parsed.body, parsed.files, call.query['with_response'] === 'true');
    }
    if (head === 'webhooks' && a && b) {
      const interaction = this.desk.forWebhook(a, b);
      call.interactionId = interaction?.id;
      if (c === 'messages' && d && e === undefined) {
        call.route = method === 'GET' ? 'original.get' : method === 'DELETE' ? 'original.delete' : d === '@original' ? 'original.patch' : 'followup.patch';
        this.rateLimitCheck(call);
        if (!interaction) throw new FakeDiscordError(404, { message: 'Unknown Webhook', code: 10015 });
        return this.desk.webhookMessage(interaction, d, method, parsed.body, parsed.files);
      }
      if (c === undefined && method === 'POST') {
        call.route = 'followup.post';
        this.rateLimitCheck(call);
        if (!interaction) throw new FakeDiscordError(404, { message: 'Unknown Webhook', code: 10015 });
        return this.desk.followUp(interaction, parsed.body, parsed.files, call.query['wait'] === 'true');
      }
    }
    throw new FakeDiscordError(404, { message: '404: Not Found', code: 0 });
  }

  /** Forced 429s first; then the per-interaction webhook bucket, if configured. */
  private rateLimitCheck(call: RecordedCall): void {
    const forced = this.forced.find((limit) => limit.route === call.route && limit.remaining > 0);
    if (forced) {
      forced.remaining -= 1;
      const seconds = forced.retryAfterMs / 1000;
      throw new RateLimited(forced.retryAfterMs, forced.global, {
        'retry-after': String(Math.ceil(seconds)),
        'x-ratelimit-scope': forced.global ? 'global' : 'user',
        ...(forced.global ? { 'x-ratelimit-global': 'true' } : { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(seconds), 'x-ratelimit-reset': String((Date.now() + forced.retryAfterMs) / 1000), 'x-ratelimit-bucket': `forced-${call.route}` }),
      });
    }
    const bucket = this.options.webhookBucket;
    const key = bucketKey(call);
    if (!bucket || !key || call.route === 'callback' || call.method === 'GET') return;
    const times = (this.buckets.get(key) ?? []).filter((time) => call.at - time < bucket.windowMs);
    this.buckets.set(key, times);
    if (times.length >= bucket.limit) {
      const retryAfterMs = Math.max(1, bucket.windowMs - (call.at - times[0]!));
      throw new RateLimited(retryAfterMs, false, { ...this.bucketHeaders(key, 0, retryAfterMs), 'retry-after': String(Math.ceil(retryAfterMs / 1000)), 'x-ratelimit-scope': 'user' });
    }
    times.push(call.at);
  }

  private limitHeaders(call: RecordedCall): Record<string, string> {
    const bucket = this.options.webhookBucket;
    const key = bucketKey(call);
    if (!bucket || !key || call.route === 'callback' || call.method === 'GET') return {};
    const times = this.buckets.get(key) ?? [];
    const resetAfterMs = times.length > 0 ? bucket.windowMs - (call.at - times[0]!) : bucket.windowMs;
    return this.bucketHeaders(key, bucket.limit - times.length, resetAfterMs);
  }

  /** CDN-style file download: no auth, the bytes as stored, every download recorded. */
  private serveFile(pathname: string, request: IncomingMessage, response: ServerResponse, at: number): void {
    const id = pathname.split('/')[2] ?? '';
    const file = this.hosted.get(id);
    this.calls.push({ seq: this.calls.length + 1, at, method: request.method ?? 'GET', path: pathname, route: 'attachment.get', query: {}, body: undefined, files: [], status: file ? 200 : 404, authorized: request.headers.authorization === `Bot ${this.token}` });
    if (!file || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    this.downloads.push(id);
    response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
  }

  private bucketHeaders(interactionId: string, remaining: number, resetAfterMs: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.options.webhookBucket?.limit ?? 5),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset-after': (resetAfterMs / 1000).toFixed(3),
      'x-ratelimit-reset': ((Date.now() + resetAfterMs) / 1000).toFixed(3),
      'x-ratelimit-bucket': `webhook-${interactionId}`,
    };
  }

  /** Every call that carries a message (reply, update, edit, follow-up), answered or refused, for assertions. */
  private recordMessage(call: RecordedCall, parsed: ParsedBody, answer?: unknown): void {
    if (!call.interactionId && !call.channelId) return;
    const body = (parsed.body ?? {}) as Record<string, unknown>;
    let data: Record<string, unknown> | undefined;
    if (call.route === 'channel.post' || call.route === 'channel.patch') {
      data = body;
    } else if (call.route === 'callback') {
      const type = body['type'];
      if (type === CallbackType.Reply || type === CallbackType.Update) data = (body['data'] ?? {}) as Record<string, unknown>;
    } else if (call.route === 'original.patch' || call.route === 'followup.patch' || call.route === 'followup.post') {
      data = body;
    }
    if (!data) return;
    this.messages.push({
      callSeq: call.seq,
      at: call.at,
      route: call.route,
      interactionId: call.interactionId,
      channelId: call.channelId,
      messageId: typeof (answer as { id?: unknown } | undefined)?.id === 'string' ? (answer as { id: string }).id : undefined,
      content: typeof data['content'] === 'string' ? data['content'] : undefined,
      allowedMentions: data['allowed_mentions'],
      flags: typeof data['flags'] === 'number' ? data['flags'] : undefined,
      components: Array.isArray(data['components']) ? data['components'] : undefined,
      attachments: Array.isArray(data['attachments']) ? (data['attachments'] as { filename: string; description?: string }[]) : [],
      files: parsed.files,
      status: call.status,
    });
  }
}

class RateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly global: boolean,
    readonly headers: Record<string, string>,
  ) {
    super('rate limited');
  }
}

/**
 * Whether the bot is in the interaction's channel: a server whose install authorized it (owner "0"), or the bot's
 * own DM (context 1). A group DM (context 2), or a server reached only through the user's install, is not the bot's.
 */
function botIsMember(payload: Record<string, unknown>): boolean {
  const owners = payload['authorizing_integration_owners'] as Record<string, unknown> | undefined;
  if (typeof payload['guild_id'] === 'string') return !owners || owners['0'] === payload['guild_id'];
  return payload['context'] !== 2;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Bucket per interaction webhook (Discord: ~5 edits per 5 s) and per channel for bot-token messages. */
function bucketKey(call: RecordedCall): string | undefined {
  if (call.interactionId) return call.interactionId;
  return call.channelId ? `channel-${call.channelId}` : undefined;
}

/** Messages that could ping someone: mention parsing not explicitly disabled (`allowed_mentions.parse = []`). */
export function unsafeMentions(messages: readonly SentMessage[]): SentMessage[] {
  return messages.filter((message) => {
    const mentions = message.allowedMentions as { parse?: unknown; users?: unknown; roles?: unknown } | undefined;
    const parse = mentions?.parse;
    const none = (list: unknown) => list === undefined || (Array.isArray(list) && list.length === 0);
    return !(Array.isArray(parse) && parse.length === 0 && none(mentions?.users) && none(mentions?.roles));
  });
}
