import { randomBytes } from 'node:crypto';
import type { UpdateLog } from '../../adapters/chat/replica-state.js';
import { hashTag } from '../../queue/keys.js';
import type { RedisClient } from '../../queue/redis-connection.js';

/** Update ids per bitmap key: 2^20 bits, 128 KiB once the block fills. */
const UPDATE_BLOCK_BITS = 20;
/** Telegram keeps an undelivered update for 24 hours; a block is kept a day beyond its last update. */
export const UPDATE_LOG_TTL_S = 48 * 60 * 60;
/** A replica's claim on an update it is handling: a killed replica's updates are taken over this soon. */
export const UPDATE_CLAIM_TTL_MS = 10_000;

// KEYS: the block's bitmap, the update's claim. ARGV: the bit, the claim's TTL, the claimant.
const BEGIN = `if redis.call('GETBIT', KEYS[1], ARGV[1]) == 1 then return 'repeat' end
if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[2]) then return 'mine' end
return 'busy'`;
// KEYS as BEGIN's. ARGV: the bit, the block's TTL in seconds.
const DONE = `redis.call('SETBIT', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('DEL', KEYS[2])
return 0`;

/**
 * Which Telegram updates are handled: one bit per update id (they count up by one per bot), and a short claim while
 * one replica handles it. On a Cluster a block's bitmap and its claims share the block's hash tag.
 */
export class RedisUpdateLog implements UpdateLog {
  private readonly claimant = randomBytes(6).toString('base64url');

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async begin(updateId: number): Promise<'mine' | 'repeat' | 'busy'> {
    if (!Number.isSafeInteger(updateId) || updateId < 0) return 'mine';
    const answer = await this.redis.eval(BEGIN, 2, ...this.keys(updateId), updateId % 2 ** UPDATE_BLOCK_BITS, UPDATE_CLAIM_TTL_MS, this.claimant);
    return answer === 'repeat' || answer === 'busy' ? answer : 'mine';
  }

  async done(updateId: number): Promise<void> {
    if (!Number.isSafeInteger(updateId) || updateId < 0) return;
    await this.redis.eval(DONE, 2, ...this.keys(updateId), updateId % 2 ** UPDATE_BLOCK_BITS, UPDATE_LOG_TTL_S);
  }

  private keys(updateId: number): [string, string] {
    const block = `${this.prefix}:telegram-updates:${hashTag(this.redis, String(Math.floor(updateId / 2 ** UPDATE_BLOCK_BITS)))}`;
    return [block, `${block}:claim:${updateId}`];
  }
}
