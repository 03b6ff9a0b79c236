/**
 * A fake Telegram Bot API on 127.0.0.1 for tests that drive the REAL telegraf client (`apiRoot` = `fake.apiRoot`).
 * It records every call with a timestamp, validates what Telegram validates (HTML entities, lengths after parsing,
 * callback data), long-polls getUpdates honouring `offset` and wakes on pushed updates, delivers to a webhook when
 * one is set, and answers 429 with `parameters.retry_after` (or any error, such as 409 Conflict from another poller)
 * when told to; `revokeToken()` makes every call, a held long poll included, answer 401 as after a token revocation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHODS, type UploadedFile } from './methods.js';
import { CHANNEL_BOT, channelChat, GROUP_ANONYMOUS_BOT, TELEGRAM_SERVICE, groupChat, person, privateChatOf, type TgChat, type TgMessage, type TgUpdate, type TgUser } from './objects.js';
import { FakeState, Forbidden, type MemberStatus, type StoredMessage } from './state.js';
import { BadRequest, integerOf, type Params } from './validate.js';

export interface FakeTelegramOptions {
  token?: string;
  botUsername?: string;
  /** Clock for call timestamps and message dates (ms). */
  now?: () => number;
  /** Longest a getUpdates long poll is held, whatever timeout the client asks for. */
  maxPollMs?: number;
  /** Methods answered 404 "method not found", as an older or self-hosted Bot API server does (`sendMessageDraft`). */
  unknownMethods?: string[];
  /** How long a streamed draft stays on screen without an update (default DRAFT_TTL_MS, 30 s). */
  draftTtlMs?: number;
}

export interface ApiCall {
  method: string;
  params: Params;
  files: Record<string, UploadedFile>;
  /** When the request arrived (ms, the fake's clock). */
  at: number;
  /** 0 while the fake holds the call (a long poll), then the HTTP status it answered. */
  status: number;
  result?: unknown;
  description?: string;
}

/** An error the fake answers instead of running a method. */
export interface Failure {
  code: number;
  description?: string;
  retryAfter?: number;
}

export const FAKE_TOKEN = '123456:TEST-fake-token';
/** How file downloads appear in `calls` (they are not Bot API methods). */
export const FILE_DOWNLOAD = 'file-download';
const DEFAULT_MAX_POLL_MS = 60_000;
const WEBHOOK_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Status recorded for a long poll the client abandoned (nginx's code for it). */
export const CLIENT_CLOSED = 499;

interface HeldPoll {
  offset: number;
  limit: number;
  finish: (updates: TgUpdate[]) => void;
  /** Answers the held poll with an error instead (a revoked token). */
  refuse: (status: number, description: string) => void;
}

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly state: FakeState;
  readonly token: string;
  /** Updates not yet confirmed by an `offset` past them. */
  private pending: TgUpdate[] = [];
  private nextUpdateId = 1;
  private held: HeldPoll[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly now: () => number;
  private readonly maxPollMs: number;
  private readonly unknownMethods: Set<string>;
  private webhookOrigin: string | undefined;
  private revoked = false;
  /** Status of each update POSTed to the webhook, in order. */
  readonly webhookDeliveries: { updateId: number; status: number }[] = [];
  private callListeners: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    options: FakeTelegramOptions,
  ) {
    this.token = options.token ?? FAKE_TOKEN;
    this.now = options.now ?? Date.now;
    this.maxPollMs = options.maxPollMs ?? DEFAULT_MAX_POLL_MS;
    this.unknownMethods = new Set((options.unknownMethods ?? []).map((method) => method.toLowerCase()));
    const bot: TgUser = { id: Number(this.token.split(':')[0]) || 123456, is_bot: true, first_name: 'Tutor', username: options.botUsername ?? 'TutorTestBot' };
    this.state = new FakeState(bot, this.now, options.draftTtlMs);
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const server = createServer();
    const fake = new FakeTelegram(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get bot(): TgUser {
    return this.state.bot;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The next `times` calls of `method` fail with this error (a 429 carries `parameters.retry_after`). */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method.toLowerCase()) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method.toLowerCase(), queue);
  }

  /** The token is revoked (BotFather /revoke): every call now answers 401, and a held long poll is answered so. */
  revokeToken(): void {
    this.revoked = true;
    for (const poll of [...this.held]) poll.refuse(401, 'Unauthorized');
  }

  setChatMember(chatId: number, userId: number, status: MemberStatus): void {
    this.state.setMember(chatId, userId, status);
  }

  /** Messages in a chat as it shows now (edits applied), oldest first. */
  history(chatId: number): StoredMessage[] {
    return this.state.history(chatId);
  }

  /** Messages the bot sent to a chat. */
  botMessages(chatId: number): StoredMessage[] {
    return this.history(chatId).filter((stored) => stored.message.from?.id === this.bot.id);
  }

  /** A person writes to the bot in a private chat. */
  pushPrivateMessage(user: TgUser, text: string, options: { replyTo?: number } = {}): TgMessage {
    const message = this.state.userMessage(privateChatOf(user), user, text, options.replyTo);
    this.pushUpdate({ message });
    return message;
  }

  /** A person writes in a group the bot is in (privacy mode off: the bot sees every message). */
  pushGroupMessage(chat: TgChat, user: TgUser, text: string, options: { replyTo?: number; topic?: number } = {}): TgMessage {
    const message = this.state.userMessage(chat, user, text, options.replyTo);
    if (options.topic !== undefined) Object.assign(message, { message_thread_id: options.topic, is_topic_message: true });
    this.pushUpdate({ message });
    return message;
  }

  /** An anonymous admin writes as the group itself: from the shared GroupAnonymousBot, `sender_chat` the group. */
  pushAnonymousMessage(chat: TgChat, text: string): TgMessage {
    const message = this.state.userMessage(chat, GROUP_ANONYMOUS_BOT, text, undefined, { senderChat: chat });
    this.pushUpdate({ message });
    return message;
  }

  /**
   * A message in a group sent on behalf of a channel (from Channel_Bot); `automaticForward`: the channel's post
   * Telegram copied into its linked discussion group (from Telegram itself).
   */
  pushChannelMessage(chat: TgChat, channel: TgChat, text: string, options: { automaticForward?: boolean } = {}): TgMessage {
    const from = options.automaticForward ? TELEGRAM_SERVICE : CHANNEL_BOT;
    const message = this.state.userMessage(chat, from, text, undefined, { senderChat: channel, automaticForward: options.automaticForward ?? false });
    this.pushUpdate({ message });
    return message;
  }

  /** A person sends a file with a caption (`/quiz import`) to a group or to the bot in private. */
  pushDocument(chat: TgChat, user: TgUser, file: { name: string; bytes: Buffer; mime?: string; caption?: string; declaredSize?: number | null }): TgMessage {
    const message = this.state.userDocument(chat, user, file);
    this.pushUpdate({ message });
    return message;
  }

  /** Downloads of files (GET /file/bot<token>/<path>) the fake served or refused. */
  get downloads(): ApiCall[] {
    return this.calls.filter((call) => call.method === FILE_DOWNLOAD);
  }

  /** A person presses an inline button under one of the bot's messages. */
  pushCallbackQuery(user: TgUser, message: TgMessage, data: string): string {
    const query = this.state.callbackQuery(user, message, data);
    this.pushUpdate({ callback_query: query });
    return query.id;
  }

  /** Queues any update (an id is assigned); wakes a held long poll, or POSTs it to the webhook when one is set. */
  pushUpdate(update: Omit<TgUpdate, 'update_id'>): TgUpdate {
    const full: TgUpdate = { update_id: this.nextUpdateId++, ...update };
    if (this.state.webhook) {
      void this.deliverToWebhook(full);
      return full;
    }
    this.pending.push(full);
    this.wakePolls();
    return full;
  }

  /** Where webhook POSTs go: the origin of the bot's own HTTP server (Telegram itself would use the https URL). */
  routeWebhookTo(origin: string): void {
    this.webhookOrigin = origin;
  }

  /** Resolves once the bot has a long poll open that the fake is holding (the bot is listening). */
  waitForHeldPoll(timeoutMs = 5_000): Promise<ApiCall> {
    return this.waitForCall((call) => call.method === 'getUpdates' && call.status === 0 && Number(call.params['timeout'] ?? 0) > 0, timeoutMs);
  }

  /** Resolves with the first call (already made or coming) that matches, or rejects after `timeoutMs`. */
  waitForCall(predicate: (call: ApiCall) => boolean, timeoutMs = 5_000): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find(predicate), timeoutMs, 'call');
  }

  /** Resolves once `check` returns a value; re-checked after every call the fake answers. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined || value === false) return false;
        clearTimeout(timer);
        this.callListeners = this.callListeners.filter((listener) => listener !== onCall);
        resolve(value);
        return true;
      };
      const onCall = () => void attempt();
      const timer = setTimeout(() => {
        this.callListeners = this.callListeners.filter((listener) => listener !== onCall);
        reject(new Error(`fake Telegram: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!attempt()) this.callListeners.push(onCall);
    });
  }

  async close(): Promise<void> {
    for (const poll of this.held.splice(0)) poll.finish([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/file/')) return this.download(url, res);
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    // Recorded on arrival (status 0 until answered), so a test can see a long poll the fake is holding.
    const call: ApiCall = { method: route?.[2] ?? url.pathname, params: {}, files: {}, at: this.now(), status: 0 };
    this.calls.push(call);
    try {
      ({ params: call.params, files: call.files } = await readBody(req, url));
    } catch {
      return this.answer(res, call, { status: 400, description: "Bad Request: can't parse request body" });
    }
    this.notify();
    if (!route) return this.answer(res, call, { status: 404, description: 'Not Found' });
    if (route[1] !== this.token || this.revoked) return this.answer(res, call, { status: 401, description: 'Unauthorized' });

    const method = route[2]!.toLowerCase();
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.answer(res, call, { status: failure.code, description: failure.description ?? describeFailure(failure), retryAfter: failure.retryAfter });
    if (method === 'getupdates') return this.getUpdates(res, call);
    const handler = this.unknownMethods.has(method) ? undefined : METHODS[method];
    if (!handler) return this.answer(res, call, { status: 404, description: 'Not Found: method not found' });
    try {
      this.answer(res, call, { status: 200, result: handler(this.state, call.params, call.files) });
    } catch (error) {
      if (error instanceof BadRequest) return this.answer(res, call, { status: 400, description: `Bad Request: ${error.description}` });
      if (error instanceof Forbidden) return this.answer(res, call, { status: 403, description: `Forbidden: ${error.message}` });
      throw error;
    }
  }

  /** GET /file/bot<token>/<file_path>: the bytes of a file getFile described, as Telegram serves them. */
  private download(url: URL, res: ServerResponse): void {
    const route = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    const call: ApiCall = { method: FILE_DOWNLOAD, params: { path: route?.[2] ?? '' }, files: {}, at: this.now(), status: 0 };
    this.calls.push(call);
    const file = route && route[1] === this.token ? [...this.state.files.values()].find((candidate) => candidate.path === decodeURIComponent(route[2]!)) : undefined;
    call.status = file ? 200 : route && route[1] !== this.token ? 401 : 404;
    if (file) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length }).end(file.bytes);
    else res.writeHead(call.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: call.status, description: call.status === 401 ? 'Unauthorized' : 'Not Found' }));
    this.notify();
  }

  private getUpdates(res: ServerResponse, call: ApiCall): void {
    if (this.state.webhook) {
      return this.answer(res, call, { status: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const offset = integerOf(call.params, 'offset') ?? 0;
    const limit = Math.min(100, Math.max(1, integerOf(call.params, 'limit') ?? 100));
    const timeoutMs = Math.min(this.maxPollMs, Math.max(0, (integerOf(call.params, 'timeout') ?? 0) * 1000));
    // An offset confirms every update before it: Telegram forgets them.
    if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    const ready = this.available(offset, limit);
    if (ready.length > 0 || timeoutMs === 0) return this.answer(res, call, { status: 200, result: ready });

    let done = false;
    const settle = (outcome: { status: number; result?: unknown; description?: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.held = this.held.filter((candidate) => candidate !== poll);
      if (res.destroyed) call.status = CLIENT_CLOSED;
      else this.answer(res, call, outcome);
    };
    const poll: HeldPoll = {
      offset,
      limit,
      finish: (updates) => settle({ status: 200, result: updates }),
      refuse: (status, description) => settle({ status, description }),
    };
    const timer = setTimeout(() => poll.finish([]), timeoutMs);
    // The client gave up (telegraf aborts its poll on stop): forget the poll.
    res.once('close', () => poll.finish([]));
    this.held.push(poll);
  }

  private available(offset: number, limit: number): TgUpdate[] {
    return this.pending.filter((update) => update.update_id >= offset).slice(0, limit);
  }

  private wakePolls(): void {
    for (const poll of [...this.held]) {
      const ready = this.available(poll.offset, poll.limit);
      if (ready.length > 0) poll.finish(ready);
    }
  }

  private async deliverToWebhook(update: TgUpdate): Promise<void> {
    const webhook = this.state.webhook!;
    const target = new URL(webhook.url);
    const url = this.webhookOrigin ? new URL(target.pathname + target.search, this.webhookOrigin) : target;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secret) headers[WEBHOOK_SECRET_HEADER] = webhook.secret;
    const status = await fetch(url, { method: 'POST', headers, body: JSON.stringify(update) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0);
    this.webhookDeliveries.push({ updateId: update.update_id, status });
    this.notify();
  }

  private answer(res: ServerResponse, call: ApiCall, outcome: { status: number; result?: unknown; description?: string; retryAfter?: number | undefined }): void {
    call.status = outcome.status;
    const ok = outcome.status === 200;
    const body: Record<string, unknown> = ok ? { ok, result: outcome.result } : { ok, error_code: outcome.status, description: outcome.description };
    if (ok) call.result = outcome.result;
    else call.description = outcome.description;
    if (outcome.retryAfter !== undefined) body['parameters'] = { retry_after: outcome.retryAfter };
    if (!res.destroyed) res.writeHead(outcome.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.callListeners]) listener();
  }
}

function describeFailure(failure: Failure): string {
  if (failure.code === 429) return `Too Many Requests: retry after ${failure.retryAfter ?? 1}`;
  if (failure.code === 403) return 'Forbidden: bot was blocked by the user';
  if (failure.code === 401) return 'Unauthorized';
  if (failure.code === 409) return 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
  return failure.code >= 500 ? 'Internal Server Error' : 'Bad Request';
}

/** JSON, form-encoded or multipart bodies (files are summarised), plus query-string parameters, as Telegram accepts. */
async function readBody(req: IncomingMessage, url: URL): Promise<{ params: Params; files: Record<string, UploadedFile> }> {
  const params: Params = Object.fromEntries(url.searchParams);
  const files: Record<string, UploadedFile> = {};
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.startsWith('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')) as Params);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        params[key] = value;
        continue;
      }
      const bytes = Buffer.from(await value.arrayBuffer());
      files[key] = { name: value.name, type: value.type, size: bytes.length, png: bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')), bytes };
    }
  } else {
    throw new Error('unsupported content type');
  }
  return { params, files };
}

export { CHANNEL_BOT, GROUP_ANONYMOUS_BOT, channelChat, groupChat, person, privateChatOf };
export type { MemberStatus, StoredMessage, TgChat, TgMessage, TgUpdate, TgUser };
export type { TgDocument } from './objects.js';
