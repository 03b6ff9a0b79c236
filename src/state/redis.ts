import type { Redis } from 'ioredis';
import type { KeyValueStore } from '../core/ports.js';
import { busyWhenFull } from '../queue/redis-errors.js';

/** Per-user and per-button state in Redis, shared by the bot and every worker, under one key prefix. */
export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:state:${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await busyWhenFull(this.redis.set(this.key(key), value));
    else await busyWhenFull(this.redis.set(this.key(key), value, 'PX', ttlMs));
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.key(key))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async deletePrefix(prefix: string): Promise<number> {
    // SCAN, not KEYS: it does not block a busy server. Glob characters in the prefix are escaped.
    const pattern = `${this.key(prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }
}
