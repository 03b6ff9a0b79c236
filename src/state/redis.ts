import type { Redis } from 'ioredis';
import type { KeyValueStore } from '../core/ports.js';
import { busyWhenFull } from '../queue/redis-errors.js';

// A user's index outlives the longest-kept key of theirs (USER_PREF_TTL_MS, 180 days), renewed at every write.
export const USER_INDEX_TTL_MS = 181 * 24 * 60 * 60 * 1000;
const USER_PREFIX = /^user:[a-z]+:[^:]{1,64}:/;

/** The set of one user's keys (full names), so /forget deletes them without scanning the keyspace. */
export function userIndexKey(prefix: string, key: string): string | undefined {
  const userPrefix = USER_PREFIX.exec(key)?.[0];
  return userPrefix ? `${prefix}:index:${userPrefix}` : undefined;
}

/** Per-user and per-button state in Redis, shared by the bot and every worker, under one key prefix. */
export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  private key(key: string): string {
    return stateKey(this.prefix, key);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    const index = userIndexKey(this.prefix, key);
    const full = this.key(key);
    if (!index) {
      if (ttlMs === undefined) await busyWhenFull(this.redis.set(full, value));
      else await busyWhenFull(this.redis.set(full, value, 'PX', ttlMs));
      return;
    }
    const write = this.redis.multi();
    if (ttlMs === undefined) write.set(full, value);
    else write.set(full, value, 'PX', ttlMs);
    write.sadd(index, full).pexpire(index, USER_INDEX_TTL_MS);
    await busyWhenFull(execOrThrow(write.exec()));
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.key(key))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async deleteUserKeys(userPrefix: string): Promise<string[]> {
    const index = userIndexKey(this.prefix, userPrefix);
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

export function stateKey(prefix: string, key: string): string {
  return `${prefix}:state:${key}`;
}

/** A MULTI whose command failed rejects (ioredis resolves it with the error inside). */
async function execOrThrow(exec: Promise<[Error | null, unknown][] | null>): Promise<void> {
  for (const [error] of (await exec) ?? []) if (error) throw error;
}
