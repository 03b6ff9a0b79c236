/**
 * A terminal's hold on its session with REDIS_URL. A named session (TERMINAL_SESSION) is a lease in Redis — SET NX PX,
 * renewed while the terminal runs, released on exit — so a second live terminal with the same name is refused
 * instead of taking half of the first one's replies; a killed terminal's lease expires within seconds, and a new
 * terminal waits that long before refusing, so a restart right after a crash still gets the replies on their way.
 * A session of its own (no name) needs no lease; its outbox queue is removed on exit (nobody can read it after).
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { terminalOutbox } from '../adapters/terminal/terminal.js';
import { queuePrefix } from '../queue/keys.js';
import { producerConnection, ready, type RedisClient, type RedisTarget } from '../queue/redis-connection.js';
import { RELEASE_IF_HOLDER, RENEW_OR_RETAKE } from '../state/replica/lock-scripts.js';

/** How long a lease outlives its last renewal: how soon a killed terminal's session is free again. */
export const TERMINAL_LEASE_TTL_MS = 5_000;
/** Renewed well within the TTL, so a busy event loop or a slow round trip does not lose it. */
export const TERMINAL_LEASE_RENEW_MS = 1_500;
/** How long a new terminal waits for a held session to be freed before refusing: a little over one TTL. */
export const TERMINAL_LEASE_WAIT_MS = TERMINAL_LEASE_TTL_MS + 1_000;
const TERMINAL_LEASE_RETRY_MS = 250;

/** The session is held by another live terminal. */
export class SessionInUseError extends Error {
  constructor(readonly session: string) {
    super(`TERMINAL_SESSION "${session}" is in use by another terminal: close that one, pick another name, or unset TERMINAL_SESSION for a session of its own`);
    this.name = 'SessionInUseError';
  }
}

export interface HeldSession {
  /** The outbox this terminal reads. */
  outbox: string;
  /** Frees the session (a named lease is released; a session of its own has its outbox removed). Idempotent. */
  release(): Promise<void>;
}

export interface HoldOptions {
  redis: RedisTarget;
  prefix: string;
  session: { name: string; named: boolean };
  /** The session is held by another terminal: called once, with how long this one waits before refusing. */
  onWaiting?: (waitMs: number) => void;
  /** The lease was found held by another terminal (this one stalled past the TTL): it must stop. */
  onLost: (error: SessionInUseError) => void;
  /** For tests: lease timings. */
  ttlMs?: number;
  renewMs?: number;
  waitMs?: number;
}

/** Holds the terminal's session, or throws SessionInUseError once the wait for a held one runs out. */
export async function holdTerminalSession(options: HoldOptions): Promise<HeldSession> {
  const outbox = terminalOutbox(options.session.name);
  const redis = producerConnection(options.redis);
  // ready() reports a connection that cannot start; later errors surface in the commands that fail.
  redis.on('error', () => undefined);
  await ready(redis);
  if (!options.session.named) return { outbox, release: once(() => removeOutbox(redis, options.prefix, outbox)) };

  const ttlMs = options.ttlMs ?? TERMINAL_LEASE_TTL_MS;
  const key = `${options.prefix}:terminal-session:${options.session.name}`;
  const holder = `${process.pid}-${randomBytes(8).toString('hex')}`;
  const waitMs = options.waitMs ?? TERMINAL_LEASE_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let waiting = false;
  while ((await redis.set(key, holder, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (!waiting) options.onWaiting?.(waitMs);
    waiting = true;
    if (Date.now() >= deadline) {
      await redis.quit().catch(() => redis.disconnect());
      throw new SessionInUseError(options.session.name);
    }
    await new Promise((resolve) => setTimeout(resolve, TERMINAL_LEASE_RETRY_MS));
  }

  const renewal = setInterval(() => {
    redis
      .eval(RENEW_OR_RETAKE, 1, key, holder, ttlMs)
      .then((kept) => {
        if (kept === 1) return;
        clearInterval(renewal);
        options.onLost(new SessionInUseError(options.session.name));
      })
      // Redis away for a moment: the next renewal tries again (the lease outlives a few misses).
      .catch(() => undefined);
  }, options.renewMs ?? TERMINAL_LEASE_RENEW_MS);
  return {
    outbox,
    release: once(async () => {
      clearInterval(renewal);
      await redis.eval(RELEASE_IF_HOLDER, 1, key, holder).catch(() => undefined);
      await redis.quit().catch(() => redis.disconnect());
    }),
  };
}

/** A session of its own ends with its process: its outbox queue (and any late reply in it) goes too. */
async function removeOutbox(redis: RedisClient, prefix: string, outbox: string): Promise<void> {
  // Opened only to be removed: it must not write its meta hash (a Queue does on start) after the obliterate.
  const queue = new Queue(outbox, { connection: redis, prefix: queuePrefix(redis, prefix, outbox), skipMetasUpdate: true });
  queue.on('error', () => undefined);
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close().catch(() => undefined);
  await redis.quit().catch(() => redis.disconnect());
}

function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}
