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

/** Resolves once the connection is ready, so a wrong REDIS_URL is reported at start-up, not at the first command. */
export async function ready(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
