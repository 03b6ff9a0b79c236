import { Redis } from 'ioredis';

/**
 * Connections for BullMQ roles. Workers and event listeners block and must wait out outages
 * (maxRetriesPerRequest: null, as BullMQ requires). Producers and state (language, progress, buttons, rate limits)
 * ride out a short outage such as a Redis restart — commands wait in ioredis's offline queue through
 * RIDE_OUT_RETRIES reconnection attempts (~7 s with ioredis's default back-off) — then fail, so a reply is never
 * hung for long: a chat user would otherwise get "internal error" or the wrong language during a restart.
 */
const RIDE_OUT_RETRIES = 16;

export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

export function producerConnection(url: string): Redis {
  // Auto-pipelining: commands issued in the same tick share one write and one Redis read. An /explain job registers
  // ~6 buttons at once (a SET each) and the edge submits from many chats at once; one write per command cost the
  // worker ~0.1 ms and Redis ~0.1 ms CPU per job (bench:queue). Not for workerConnection: it blocks (BZPOPMIN).
  return new Redis(url, { maxRetriesPerRequest: RIDE_OUT_RETRIES, enableOfflineQueue: true, lazyConnect: false, enableAutoPipelining: true });
}

/** Redis cannot be used, for a reason the message names with its fix; never a password in it. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** How long start-up waits for Redis by default: a server still starting (compose) gets this long. */
export const REDIS_READY_TIMEOUT_MS = 5_000;

/**
 * Resolves once the connection is ready, so a wrong REDIS_URL is reported at start-up, not at the first command.
 * A refused password and a database the server does not have fail at once (ioredis would retry the first forever
 * and silently stay on database 0 for the second); a server that does not answer fails after `timeoutMs`, naming
 * the last connection error. On failure the connection is closed, so no retry loop is left behind.
 */
export async function ready(redis: Redis, timeoutMs = REDIS_READY_TIMEOUT_MS): Promise<void> {
  if (redis.status === 'ready') return;
  const where = redis.options.path ?? `${redis.options.host ?? 'localhost'}:${redis.options.port ?? 6379}`;
  await new Promise<void>((resolve, reject) => {
    let lastError: Error | undefined;
    const fail = (message: string) => {
      cleanup();
      redis.disconnect();
      reject(new RedisUnavailableError(message));
    };
    const timer = setTimeout(() => {
      const cause = lastError ? ` (${lastError.message})` : '';
      fail(`Redis at ${where} did not answer within ${timeoutMs} ms${cause}: start redis-server or fix REDIS_URL`);
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      lastError = error;
      const message = error.message ?? '';
      if (/^WRONGPASS|invalid password/i.test(message)) {
        fail(`Redis at ${where} refused the password (WRONGPASS): put the right one in REDIS_URL (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port)`);
      } else if (/^NOAUTH/.test(message)) {
        fail(`Redis at ${where} refused the connection without a password (NOAUTH): add it to REDIS_URL (redis://:PASSWORD@host:port)`);
      } else if (/DB index is out of range|invalid DB index/i.test(message)) {
        fail(`Redis at ${where} has no database ${redis.options.db ?? 0} (${message}): use one the server has in REDIS_URL (0–15 by default, see its "databases" setting)`);
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/**
 * Logs a connection's errors once per outage, as one line without a stack trace (ioredis emits one per reconnection
 * attempt), and says when it is back. Before the first ready nothing is logged: ready() reports why it did not start.
 */
export function logConnectionErrors(redis: Redis, logger: { warn(fields: object, message: string): void; info(fields: object, message: string): void }): void {
  let started = false;
  let down = false;
  redis.on('ready', () => {
    if (down) logger.info({}, 'redis connection back');
    started = true;
    down = false;
  });
  redis.on('error', (error: Error) => {
    if (!started || down) return;
    down = true;
    logger.warn({ reason: error.message }, 'redis connection lost; retrying');
  });
}
