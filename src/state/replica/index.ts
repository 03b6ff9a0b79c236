/** The replica state of src/adapters/chat/replica-state.ts, in Redis. */
import type { ReplicaState } from '../../adapters/chat/replica-state.js';
import type { RedisClient } from '../../queue/redis-connection.js';
import { RedisLease, type LeaseTimings } from './lease.js';
import { RedisSendBudget } from './send-budget.js';
import { RedisStreamLedger } from './stream-ledger.js';
import { RedisUpdateLog } from './update-log.js';

export interface RedisReplicaOptions {
  /** Tests shorten the polling lease. */
  pollingLease?: LeaseTimings;
}

/** A platform's shared state (`platform` names the streams' records: Telegram's and Discord's never meet). */
export function redisReplicaState(redis: RedisClient, prefix: string, platform: string, options: RedisReplicaOptions = {}): ReplicaState {
  const streams = new RedisStreamLedger(redis, prefix, platform);
  if (platform !== 'telegram') return { streams };
  return {
    streams,
    telegramBudget: (limits) => new RedisSendBudget(redis, prefix, limits),
    telegramUpdates: new RedisUpdateLog(redis, prefix),
    telegramPolling: new RedisLease(redis, `${prefix}:telegram-poller`, options.pollingLease),
  };
}
