import { randomBytes } from 'node:crypto';
import type { SharedStream, StreamLedger } from '../../adapters/chat/replica-state.js';
import { hashTag } from '../../queue/keys.js';
import type { RedisClient } from '../../queue/redis-connection.js';
import { RELEASE_IF_HOLDER, RENEW_IF_HOLDER } from './lock-scripts.js';

/** A reply's stream is kept this long after its last step (a quiz question's stream lives for its question). */
export const STREAM_RECORD_TTL_MS = 30 * 60 * 1000;
/** A replica killed holding a reply's lock frees it this soon; renewed while the step runs (a send may wait in line). */
export const STREAM_LOCK_TTL_MS = 10_000;
const STREAM_LOCK_RENEW_MS = 3_000;
const STREAM_LOCK_RETRY_MS = 25;

/**
 * Streams in Redis: one small JSON record per reply (`<prefix>:replies:<platform>:<key>`, expiring), and a lock
 * beside it taken with SET NX PX and released only by its holder. On a Cluster both share the reply's hash tag.
 */
export class RedisStreamLedger implements StreamLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly platform: string,
  ) {}

  async exclusive(key: string, waitMs: number, work: (stored: SharedStream | undefined) => Promise<SharedStream>): Promise<{ ran: boolean }> {
    const record = `${this.prefix}:replies:${hashTag(this.redis, `${this.platform}:${key}`)}`;
    const lock = `${record}:lock`;
    const holder = randomBytes(9).toString('base64url');
    const deadline = Date.now() + waitMs;
    while ((await this.redis.set(lock, holder, 'PX', STREAM_LOCK_TTL_MS, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return { ran: false };
      await new Promise((resolve) => setTimeout(resolve, STREAM_LOCK_RETRY_MS));
    }
    const renewal = setInterval(() => void this.redis.eval(RENEW_IF_HOLDER, 1, lock, holder, STREAM_LOCK_TTL_MS).catch(() => undefined), STREAM_LOCK_RENEW_MS);
    try {
      const next = await work(parseStream(await this.redis.get(record)));
      await this.redis.set(record, JSON.stringify(next), 'PX', STREAM_RECORD_TTL_MS);
      return { ran: true };
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE_IF_HOLDER, 1, lock, holder).catch(() => undefined);
    }
  }
}

function parseStream(raw: string | null): SharedStream | undefined {
  if (raw === null) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<SharedStream>;
    if (typeof parsed.lastStepAt !== 'number' || typeof parsed.order !== 'number' || typeof parsed.finished !== 'boolean') return undefined;
    return { state: parsed.state, lastStepAt: parsed.lastStepAt, order: parsed.order, finished: parsed.finished };
  } catch {
    return undefined;
  }
}
