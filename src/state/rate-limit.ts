import { busyWhenFull } from '../queue/redis-errors.js';
import { isCluster, type RedisClient } from '../queue/redis-connection.js';
import { stateKey, USER_INDEX_TTL_MS, userIndexKey } from './redis.js';
import type { RateDecision, RateLimiter, RateRule } from '../core/ports.js';

// Buckets idle long enough to be full again are forgotten.
const MAX_BUCKETS = 100_000;

/** Offline token buckets, in memory. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rule.capacity, at: now };
    const tokens = Math.min(rule.capacity, bucket.tokens + (now - bucket.at) / rule.refillMs);
    const allowed = tokens >= 1;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed ? { allowed: true } : { allowed: false, retryAfterMs: Math.ceil((1 - tokens) * rule.refillMs) };
  }
}

// One round trip, atomic: refill by elapsed time, take a token if there is one, expire the bucket once it would be full.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / refill)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * refill) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * refill) + 1000)
if KEYS[2] then
  redis.call('SADD', KEYS[2], KEYS[1])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
end
return wait
`;

/** Token buckets in Redis, shared by every bot process. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, rule: RateRule): Promise<RateDecision> {
    // A person's bucket (`user:<platform>:<id>:rate:…`) is one of their keys: indexed, so /forget removes it too.
    const tagged = isCluster(this.redis);
    const index = userIndexKey(this.prefix, key, tagged);
    const keys = index ? [stateKey(this.prefix, key, tagged), index] : [stateKey(this.prefix, key, tagged)];
    const wait = Number(await busyWhenFull(this.redis.eval(TAKE_SCRIPT, keys.length, ...keys, rule.capacity, rule.refillMs, this.now(), USER_INDEX_TTL_MS)));
    return wait === 0 ? { allowed: true } : { allowed: false, retryAfterMs: wait };
  }
}
