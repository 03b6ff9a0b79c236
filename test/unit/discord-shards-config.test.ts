/** Discord sharding's variables (src/config/config.ts), and what the shard manager hands each child process. */
import { describe, expect, it } from 'vitest';
import { configProblems } from '../support/config-problems.js';
import { loadConfig } from '../../src/config/config.js';
import { discordShardsOf } from '../../src/main/chat-adapters.js';
import { shardChildEnv } from '../../src/main/discord-shards.js';

const DISCORD = { DISCORD_TOKEN: 'token-the-platform-judges', DISCORD_APP_ID: '600000000000000001' };
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379' };

const problemsOf = (env: NodeJS.ProcessEnv): string => configProblems(env).join('\n');

describe('Discord shard variables', () => {
  it('reads a count or auto for the manager, and ids of a count for a process of its own', () => {
    expect(loadConfig({ ...DISCORD, ...REDIS, DISCORD_SHARDS: '4' }).DISCORD_SHARDS).toBe(4);
    expect(loadConfig({ ...DISCORD, ...REDIS, DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    const own = loadConfig({ ...DISCORD, ...REDIS, DISCORD_SHARD_IDS: '3, 1,1', DISCORD_SHARD_COUNT: '4' });
    expect(discordShardsOf(own)).toEqual({ ids: [1, 3], count: 4 });
    // A count alone: every shard in this one process (no other process, so no Redis needed).
    expect(discordShardsOf(loadConfig({ ...DISCORD, DISCORD_SHARD_COUNT: '2' }))).toEqual({ ids: [0, 1], count: 2 });
    expect(discordShardsOf(loadConfig({ ...DISCORD }))).toBeUndefined();
    expect(loadConfig({ ...DISCORD, DISCORD_SHARDS: '' }).DISCORD_SHARDS).toBeUndefined();
  });

  it('refuses shards in several processes without Redis, and says why', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_SHARDS: '2' })).toMatch(/DISCORD_SHARDS: needs REDIS_URL \(or REDIS_SENTINELS \/ REDIS_CLUSTER_NODES\)/);
    expect(problemsOf({ ...DISCORD, DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '2' })).toMatch(/DISCORD_SHARD_IDS: needs REDIS_URL/);
    expect(problemsOf({ ...DISCORD, REDIS_CLUSTER_NODES: '10.0.0.1:7000', DISCORD_SHARDS: '2' })).toBe('');
  });

  it('names the rule a shard setting breaks', () => {
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARDS: '0' })).toMatch(/DISCORD_SHARDS: a number of shards/);
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARDS: 'many' })).toMatch(/DISCORD_SHARDS: a number of shards/);
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARD_IDS: '0' })).toMatch(/DISCORD_SHARD_COUNT: required with DISCORD_SHARD_IDS/);
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARD_IDS: '0,2', DISCORD_SHARD_COUNT: '2' })).toMatch(/DISCORD_SHARD_IDS: shard ids go from 0 to DISCORD_SHARD_COUNT - 1 \(2 is outside\)/);
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARD_IDS: 'one' })).toMatch(/DISCORD_SHARD_IDS: comma-separated shard ids/);
    expect(problemsOf({ ...DISCORD, ...REDIS, DISCORD_SHARDS: '2', DISCORD_SHARD_COUNT: '2' })).toMatch(/DISCORD_SHARD_COUNT: set DISCORD_SHARDS .* not both/);
    expect(problemsOf({ ...REDIS, DISCORD_SHARDS: '2' })).toMatch(/DISCORD_SHARDS: needs DISCORD_TOKEN/);
  });
});

describe("a shard child's environment", () => {
  const inherited = { ...DISCORD, ...REDIS, DISCORD_SHARDS: '2', TELEGRAM_TOKEN: 'x', TELEGRAM_WEBHOOK_PORT: '8443', SHARDS: '1', OPS_PORT: '9100' };

  it('runs its own shard, is no manager, leaves Telegram to the manager, and listens on a port of its own', () => {
    const env = shardChildEnv(inherited, 1, 2);
    expect(env).toMatchObject({ DISCORD_SHARD_IDS: '1', DISCORD_SHARD_COUNT: '2', DISCORD_TOKEN: DISCORD.DISCORD_TOKEN, REDIS_URL: REDIS.REDIS_URL, OPS_PORT: '9102' });
    expect(Object.keys(env).filter((name) => name === 'DISCORD_SHARDS' || name.startsWith('TELEGRAM_'))).toEqual([]);
    expect(discordShardsOf(loadConfig(env))).toEqual({ ids: [1], count: 2 });
  });
});
