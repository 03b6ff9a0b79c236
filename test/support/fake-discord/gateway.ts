/**
 * The fake gateway (the `ws` package, JSON encoding, no compression): HELLO, IDENTIFY → READY, heartbeat ACKs,
 * RESUME → RESUMED, dispatches pushed by the test (INTERACTION_CREATE), and on demand a gateway that no longer takes
 * the bot (close 4004, as after a token reset).
 *
 * Shards: each session keeps the `shard: [id, count]` of its IDENTIFY (none means [0, 1]: every event). A server's
 * interaction goes only to the sessions of its shard, `(guild_id >> 22) % count`, and a DM's to shard 0 (shards.ts).
 * An id outside its count is closed with 4010 (invalid shard), as Discord does. A second session of a shard that is
 * already connected is accepted, as Discord accepts it: both get that shard's events (a bot started twice answers
 * twice; an interaction takes only one callback, and the second is refused with 40060).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { shardOf } from './shards.js';

export const GatewayOp = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

/** Discord's close code for a bad token: discord.js gives up instead of reconnecting. */
export const AUTHENTICATION_FAILED = 4004;
/** Discord's close code for a shard id outside its count (or a malformed `shard`). */
export const INVALID_SHARD = 4010;

export interface GatewayOptions {
  token: string;
  bot: { id: string; username: string };
  appId: string;
  /** How often the client must heartbeat; short in tests that want to see ACKs. */
  heartbeatIntervalMs: number;
  resumeUrl: () => string;
  now: () => number;
}

export interface GatewayEvent {
  at: number;
  op: number;
  t?: string | undefined;
  /** The IDENTIFY payload with the token replaced by whether it matched. */
  d?: unknown;
}

interface Session {
  socket: WebSocket;
  id: string;
  seq: number;
  identified: boolean;
  /** `[id, count]` from IDENTIFY ([0, 1] when the client sent none). */
  shard: [number, number];
}

/** A session that has identified, as tests see it. */
export interface ReadyShard {
  session: string;
  shard: [number, number];
}

export class FakeGateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private sessionCount = 0;
  /** What clients sent (IDENTIFY, heartbeats, RESUME), in order. */
  readonly received: GatewayEvent[] = [];
  /** Intents of the last IDENTIFY. */
  intents: number | undefined;
  /** Set by refuseIdentify: every IDENTIFY and RESUME is answered by closing with this code. */
  private refusal: number | undefined;

  constructor(private readonly options: GatewayOptions) {}

  /** Hands an HTTP upgrade on the gateway path to the WebSocket server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  /** Sessions that have sent IDENTIFY and got READY (or resumed). */
  get readySessions(): number {
    return [...this.sessions].filter((session) => session.identified).length;
  }

  /** The ready sessions and their shards, in the order they connected. */
  get readyShards(): ReadyShard[] {
    return [...this.sessions].filter((session) => session.identified).map((session) => ({ session: session.id, shard: session.shard }));
  }

  /**
   * Sends a dispatch (op 0) to every ready session; returns how many got it. `guildId` (a server's id, or null for
   * a DM) routes it as Discord does: only to the sessions of that server's shard.
   */
  dispatch(type: string, data: unknown, guildId?: string | null): number {
    let sent = 0;
    for (const session of this.sessions) {
      if (!session.identified || session.socket.readyState !== WebSocket.OPEN) continue;
      const [id, count] = session.shard;
      if (guildId !== undefined && shardOf(guildId ?? undefined, count) !== id) continue;
      this.send(session, { op: GatewayOp.Dispatch, t: type, s: ++session.seq, d: data });
      sent += 1;
    }
    return sent;
  }

  /** Closes every connection (as Discord does on a restart); discord.js reconnects and resumes. */
  disconnectAll(code = 4000): void {
    for (const session of this.sessions) session.socket.close(code, 'fake gateway reconnect');
  }

  /**
   * From now on Discord no longer takes the bot (a reset token: 4004 by default, or 4014 for disallowed intents):
   * open sessions are closed with `code`, and every later IDENTIFY or RESUME is answered the same way.
   */
  refuseIdentify(code = AUTHENTICATION_FAILED): void {
    this.refusal = code;
    for (const session of this.sessions) session.socket.close(code, 'Authentication failed.');
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const session: Session = { socket, id: `session-${++this.sessionCount}`, seq: 0, identified: false, shard: [0, 1] };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => undefined);
    socket.on('message', (raw) => this.onMessage(session, raw.toString()));
    this.send(session, { op: GatewayOp.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private onMessage(session: Session, raw: string): void {
    let message: { op?: number; d?: Record<string, unknown> | number | null };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      session.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const at = this.options.now();
    switch (message.op) {
      case GatewayOp.Heartbeat:
        this.received.push({ at, op: GatewayOp.Heartbeat });
        this.send(session, { op: GatewayOp.HeartbeatAck });
        return;
      case GatewayOp.Identify:
        this.identify(session, (message.d ?? {}) as Record<string, unknown>, at);
        return;
      case GatewayOp.Resume: {
        const d = (message.d ?? {}) as Record<string, unknown>;
        this.received.push({ at, op: GatewayOp.Resume, d: { session_id: d['session_id'], seq: d['seq'] } });
        if (this.refusal !== undefined) return session.socket.close(this.refusal, 'Authentication failed.');
        if (d['token'] !== this.options.token) return session.socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
        session.identified = true;
        session.seq = typeof d['seq'] === 'number' ? d['seq'] : 0;
        this.send(session, { op: GatewayOp.Dispatch, t: 'RESUMED', s: ++session.seq, d: {} });
        return;
      }
      default:
        this.received.push({ at, op: message.op ?? -1 });
    }
  }

  private identify(session: Session, d: Record<string, unknown>, at: number): void {
    const tokenOk = d['token'] === this.options.token;
    this.intents = typeof d['intents'] === 'number' ? d['intents'] : undefined;
    this.received.push({ at, op: GatewayOp.Identify, d: { ...d, token: tokenOk ? 'valid' : 'invalid' } });
    if (this.refusal !== undefined || !tokenOk) {
      session.socket.close(this.refusal ?? AUTHENTICATION_FAILED, 'Authentication failed.');
      return;
    }
    const shard = d['shard'] === undefined ? [0, 1] : d['shard'];
    if (!isShard(shard)) {
      session.socket.close(INVALID_SHARD, 'Invalid shard.');
      return;
    }
    session.shard = shard;
    session.identified = true;
    this.send(session, {
      op: GatewayOp.Dispatch,
      t: 'READY',
      s: ++session.seq,
      d: {
        v: 10,
        user: { id: this.options.bot.id, username: this.options.bot.username, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
        // No guilds: an unavailable guild listed here would delay discord.js's `ready` by 15 s.
        guilds: [],
        session_id: session.id,
        resume_gateway_url: this.options.resumeUrl(),
        shard,
        application: { id: this.options.appId, flags: 0 },
      },
    });
  }

  private send(session: Session, payload: unknown): void {
    if (session.socket.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(payload));
  }
}

/** `[id, count]` with 0 ≤ id < count. */
function isShard(value: unknown): value is [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [id, count] = value as unknown[];
  return Number.isInteger(id) && Number.isInteger(count) && (id as number) >= 0 && (id as number) < (count as number);
}
