/**
 * What one prefix holds in Redis, by key family: every key under it (SCAN MATCH `<prefix>:*`), grouped by a pattern
 * with its ids replaced by `*` (`state:user:telegram:*:locale`, `outbox-harness:de:*`, `fast:<job>`), with how many
 * of them have no TTL. The soak test compares two snapshots to find a family that grows with the command count.
 */
import type { RedisClient } from '../../src/queue/redis-connection.js';

/** A BullMQ queue's own keys (`<queue>:<name>`), one of each per queue; anything else under a queue is a job's. */
const QUEUE_STRUCTURES = new Set(['meta', 'events', 'marker', 'id', 'wait', 'active', 'paused', 'delayed', 'prioritized', 'completed', 'failed', 'stalled', 'stalled-check', 'pc', 'limiter', 'repeat', 'metrics']);
/** Hashes, nonces, correlation ids: long segments, or shorter ones with digits in them (a user id). */
const idLike = (segment: string) => (segment.length >= 12 || (/\d/.test(segment) && segment.length >= 2) ? '*' : segment);

export interface Family {
  keys: number;
  /** Keys of the family with no TTL (PTTL -1). */
  withoutTtl: number;
}

/** The family of a key, given without its `<prefix>:`; `queues` are the BullMQ queue names under the prefix. */
export function familyOf(key: string, queues: readonly string[]): string {
  const parts = key.split(':');
  const [head = '', second = ''] = parts;
  const rest = parts.length > 2 ? `:${parts.slice(2).join(':')}` : '';
  if (queues.includes(head)) {
    if (second === 'de') return `${head}:de:*`;
    return QUEUE_STRUCTURES.has(second) ? `${head}:${second}${rest}` : `${head}:<job>${rest}`;
  }
  // A person's or a chat's keys: `state:user:<platform>:<id>:…`, `index:user:<platform>:<id>:`.
  if ((head === 'state' || head === 'index') && (second === 'user' || second === 'chat')) {
    return [head, second, parts[2], '*', ...parts.slice(4).map(idLike)].join(':');
  }
  return [head, ...parts.slice(1).map(idLike)].join(':');
}

export async function keyFamilies(redis: RedisClient, prefix: string, queues: readonly string[]): Promise<Map<string, Family>> {
  const families = new Map<string, Family>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    cursor = next;
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
    keys.forEach((key, i) => {
      // Gone between the SCAN and the PTTL (-2): an expiring key, not one of the snapshot's.
      if (ttls[i] === -2) return;
      const name = familyOf(key.slice(prefix.length + 1), queues);
      const family = families.get(name) ?? { keys: 0, withoutTtl: 0 };
      family.keys += 1;
      if (ttls[i] === -1) family.withoutTtl += 1;
      families.set(name, family);
    });
  } while (cursor !== '0');
  return families;
}

/** `used_memory` from INFO memory: the bytes Redis has allocated (data, buffers, scripts), not the process's RSS. */
export async function usedMemory(redis: RedisClient): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1]);
}
