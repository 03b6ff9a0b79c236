import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The test Redis from the global setup (test/setup/redis-server.ts); undefined when none is available. */
export const redisUrl: string | undefined = inject('redisUrl');

/** The URL, for code that runs only when `describe.skipIf(!redisUrl)` let it. */
export function requireRedisUrl(): string {
  if (!redisUrl) throw new Error('no test Redis (the describe block should have been skipped)');
  return redisUrl;
}

/** A key prefix no other test uses; also a valid QUEUE_PREFIX (letters, digits, -; at most 40 characters). */
export function uniquePrefix(): string {
  return `test-${randomUUID().replaceAll('-', '')}`;
}

/** Deletes every key under `prefix:` (BullMQ queues and tutor state) with SCAN + DEL; returns how many. */
export async function deleteByPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Counts the keys under `prefix:` (to check what a test left behind). */
export async function countByPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
