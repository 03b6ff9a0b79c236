import { randomBytes } from 'node:crypto';
import type { BudgetLimits, SendBudget } from '../../adapters/chat/replica-state.js';
import { hashTag } from '../../queue/keys.js';
import type { RedisClient } from '../../queue/redis-connection.js';

/**
 * Takes a send slot for a chat if the bot-wide window, the chat's spacing and (for a group) its minute window all
 * have room, on Redis's own clock (replicas' clocks differ); otherwise returns how many ms until one could.
 * KEYS: the bot's window (sorted set of send times), the chat's "next send at", the group's window.
 * ARGV: globalMax, globalWindowMs, chatSpacingMs, groupMax (0: not a group), groupWindowMs, a unique member.
 */
const RESERVE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local globalWindow = tonumber(ARGV[2])
local groupMax = tonumber(ARGV[4])
local groupWindow = tonumber(ARGV[5])
local wait = 0
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - globalWindow)
local sent = redis.call('ZCARD', KEYS[1])
if sent >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], sent - tonumber(ARGV[1]), sent - tonumber(ARGV[1]), 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + globalWindow - now)
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then wait = math.max(wait, nextAt - now) end
if groupMax > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - groupWindow)
  local count = redis.call('ZCARD', KEYS[3])
  if count >= groupMax then
    local entry = redis.call('ZRANGE', KEYS[3], count - groupMax, count - groupMax, 'WITHSCORES')
    wait = math.max(wait, tonumber(entry[2]) + groupWindow - now)
  end
end
if wait > 0 then return math.max(1, math.ceil(wait)) end
redis.call('ZADD', KEYS[1], now, ARGV[6])
redis.call('PEXPIRE', KEYS[1], globalWindow)
redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', math.max(1, tonumber(ARGV[3])))
if groupMax > 0 then
  redis.call('ZADD', KEYS[3], now, ARGV[6])
  redis.call('PEXPIRE', KEYS[3], groupWindow)
end
return 0`;

/** Counts a granted slot from now, when the platform answered: KEYS and ARGV as RESERVE's (ARGV[6] the slot). */
const ANSWERED = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[6])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
local spacing = tonumber(ARGV[3])
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now + spacing > nextAt then redis.call('SET', KEYS[2], now + spacing, 'PX', math.max(1, spacing)) end
if tonumber(ARGV[4]) > 0 then
  redis.call('ZADD', KEYS[3], 'XX', now, ARGV[6])
  redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]))
end
return 0`;

/** Moves a chat's "next send at" to at least now + ARGV[1] ms (after a 429's retry_after). */
const PAUSE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nextAt then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1])) end
return 0`;

/**
 * Telegram's limits counted once for all replicas: every replica's SendLimiter asks here before a message goes, so N
 * replicas together send no more than one bot may. The keys are tiny and expire with their windows; on a Cluster
 * they share one hash tag (the script reads them together), which is one slot for at most ~30 calls a second.
 */
export class RedisSendBudget implements SendBudget {
  private readonly base: string;
  private readonly member = randomBytes(6).toString('base64url');
  private sequence = 0;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly limits: BudgetLimits,
    platform = 'telegram',
  ) {
    this.base = `${prefix}:budget:${hashTag(redis, platform)}`;
  }

  async reserve(chatId: string, group: boolean, deferrable: boolean): Promise<{ waitMs: number } | { slot: string }> {
    const { groupMax, groupDeferrableMax } = this.limits;
    const max = group ? (deferrable ? Math.min(groupMax, groupDeferrableMax ?? groupMax) : groupMax) : 0;
    this.sequence += 1;
    const slot = `${this.member}-${this.sequence}`;
    const waitMs = Number(await this.redis.eval(RESERVE, 3, ...this.keys(chatId), ...this.args(max, slot)));
    return waitMs > 0 ? { waitMs } : { slot };
  }

  async answered(chatId: string, group: boolean, slot: string): Promise<void> {
    await this.redis.eval(ANSWERED, 3, ...this.keys(chatId), ...this.args(group ? 1 : 0, slot));
  }

  private keys(chatId: string): [string, string, string] {
    return [`${this.base}:all`, `${this.base}:chat:${chatId}`, `${this.base}:group:${chatId}`];
  }

  private args(groupMax: number, slot: string): (string | number)[] {
    const { globalMax, globalWindowMs, chatSpacingMs, groupWindowMs } = this.limits;
    return [globalMax, globalWindowMs, chatSpacingMs, groupMax, groupWindowMs, slot];
  }

  async pause(chatId: string, ms: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, `${this.base}:chat:${chatId}`, Math.max(1, Math.ceil(ms)));
  }
}
