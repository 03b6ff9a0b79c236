/**
 * Key layout on a Cluster. Every key one command, MULTI or Lua script touches must hash to one slot, so keys carry a
 * hash tag (`{…}`: only the part inside is hashed) naming what is touched together:
 *   - each BullMQ queue its own tag, `<prefix>:{<queue>}:<queue>:…`, so the fast queue, the model queue and each
 *     outbox can sit on different masters (one tag for everything would be compatibility, not scale);
 *   - a person's keys and their /forget index, `<prefix>:state:{user:<platform>:<id>}:…`;
 *   - a class quiz's live state, answer sheets and players, `<prefix>:cq:…:{<quiz id>}`.
 * On one server or Sentinel the keys stay as they were (no tags), so an existing deployment keeps its data.
 */
import { isCluster, type RedisClient } from './redis-connection.js';

/** The BullMQ `prefix` option of one queue: its own slot on a Cluster, the plain prefix elsewhere. */
export function queuePrefix(redis: RedisClient, prefix: string, queue: string): string {
  return isCluster(redis) ? `${prefix}:{${queue}}` : prefix;
}

/** `part` as a hash tag on a Cluster, as it is elsewhere. */
export function hashTag(redis: RedisClient, part: string): string {
  return isCluster(redis) ? `{${part}}` : part;
}
