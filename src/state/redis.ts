import type { KeyValueStore } from '../core/ports.js';
import { busyWhenFull } from '../queue/redis-errors.js';
import { isCluster, type RedisClient } from '../queue/redis-connection.js';

// A user's index outlives the longest-kept key of theirs (USER_PREF_TTL_MS, 180 days), renewed at every write.
export const USER_INDEX_TTL_MS = 181 * 24 * 60 * 60 * 1000;
/** A key written without a TTL still gets one (no caller does today): nothing here is meant to stay for good. */
export const DEFAULT_STATE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/**
 * The index lists each key ever written for the user, and an expired one (an unanswered practice question's
 * `quiz:open:<nonce>`) stays listed until /forget: every time an index reaches a multiple of this many entries, the
 * dead ones are dropped, so it holds about the live keys (~10 a person), not one per question ever asked.
 */
export const INDEX_PRUNE_EVERY = 32;
const USER_PREFIX = /^user:[a-z]+:[^:]{1,64}:/;

/**
 * The set of one user's keys (full names), so /forget deletes them without scanning the keyspace (a SCAN sees one
 * node of a Cluster). `tagged` (a Cluster): the index and the user's keys share the hash tag `{user:<platform>:<id>}`,
 * so a write and its index entry (one MULTI or script) and /forget's DEL of them all are in one slot.
 */
export function userIndexKey(prefix: string, key: string, tagged = false): string | undefined {
  const userPrefix = USER_PREFIX.exec(key)?.[0];
  if (!userPrefix) return undefined;
  return tagged ? `${prefix}:index:{${userPrefix.slice(0, -1)}}` : `${prefix}:index:${userPrefix}`;
}

/** Per-user and per-button state in Redis, shared by the bot and every worker, under one key prefix. */
export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;

  private readonly tagged: boolean;

  constructor(
    readonly redis: RedisClient,
    readonly prefix: string,
  ) {
    this.tagged = isCluster(redis);
  }

  private key(key: string): string {
    return stateKey(this.prefix, key, this.tagged);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs = DEFAULT_STATE_TTL_MS): Promise<void> {
    const index = userIndexKey(this.prefix, key, this.tagged);
    const full = this.key(key);
    if (!index) {
      await busyWhenFull(this.redis.set(full, value, 'PX', ttlMs));
      return;
    }
    const write = this.redis.multi().set(full, value, 'PX', ttlMs).sadd(index, full).pexpire(index, USER_INDEX_TTL_MS).scard(index);
    const [, added, , size] = await busyWhenFull(execOrThrow(write.exec()));
    if (added === 1 && typeof size === 'number' && size % INDEX_PRUNE_EVERY === 0) await this.pruneIndex(index);
  }

  /** Drops the index entries whose keys are gone; atomic, so a key written meanwhile is never dropped while alive. */
  private async pruneIndex(index: string): Promise<void> {
    const keys = await this.redis.smembers(index);
    // The keys share the index's slot on a Cluster (one hash tag), so one script may name them all.
    await this.redis.eval(PRUNE_SCRIPT, keys.length + 1, index, ...keys);
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.key(key))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async deleteUserKeys(userPrefix: string): Promise<string[]> {
    const index = userIndexKey(this.prefix, userPrefix, this.tagged);
    if (!index || !userPrefix.endsWith(':')) throw new Error('deleteUserKeys takes a user prefix (user:<platform>:<id>:)');
    const keys = await this.redis.smembers(index);
    if (keys.length === 0) return [];
    // EXISTS before DEL tells which were still there (expired keys linger in the index until now).
    const alive = await Promise.all(keys.map(async (key) => ((await this.redis.exists(key)) === 1 ? key : undefined)));
    await this.redis.del(...keys, index);
    const stripped = this.key(userPrefix);
    return alive.filter((key): key is string => key !== undefined).map((key) => key.slice(stripped.length));
  }
}

export function stateKey(prefix: string, key: string, tagged = false): string {
  const userPrefix = tagged ? USER_PREFIX.exec(key)?.[0] : undefined;
  if (userPrefix) return `${prefix}:state:{${userPrefix.slice(0, -1)}}:${key.slice(userPrefix.length)}`;
  return `${prefix}:state:${key}`;
}

const PRUNE_SCRIPT = `for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SREM', KEYS[1], KEYS[i]) end
end
return 0`;

/** A MULTI's results; one whose command failed rejects (ioredis resolves it with the error inside). */
async function execOrThrow(exec: Promise<[Error | null, unknown][] | null>): Promise<unknown[]> {
  const replies = (await exec) ?? [];
  for (const [error] of replies) if (error) throw error;
  return replies.map(([, result]) => result);
}
