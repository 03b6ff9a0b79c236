/**
 * Discord's sharding rule (https://discord.com/developers/docs/events/gateway#sharding): a server's events go to
 * shard `(guild_id >> 22) % shard_count`; DMs go to shard 0. The fake's gateway routes interactions by it, and tests
 * pick server ids that land on the shard they want.
 */

/** The shard a server's events go to (`guildId` undefined: a DM, shard 0). */
export function shardOf(guildId: string | undefined, count: number): number {
  if (guildId === undefined) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * A server id (a snowflake) whose events go to `shard` of `count`: the timestamp part is `base + n` for the first n
 * that lands there, so ids of different `base`s differ.
 */
export function guildOnShard(shard: number, count: number, base = 1_000_000_000n): string {
  for (let n = 0n; ; n++) {
    const id = ((base + n) << 22n) | 1n;
    if (shardOf(String(id), count) === shard) return String(id);
  }
}
