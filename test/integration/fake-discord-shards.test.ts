/**
 * The fake Discord's shards, with raw gateway sessions (the `ws` package): GET /gateway/bot recommends the configured
 * count, IDENTIFY's `shard` is kept per session, a server's interactions reach only its shard's sessions and DMs
 * shard 0, an id outside its count is closed with 4010, and a second session of a connected shard is accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord, GatewayOp, guildOnShard, INVALID_SHARD, shardOf, slashCommand } from '../support/fake-discord/index.js';

const WAIT_MS = 5_000;

interface RawSession {
  socket: WebSocket;
  /** Dispatch types and payloads received, in order. */
  dispatches: { t: string; d: Record<string, unknown> }[];
  closed: Promise<number>;
}

let fake: FakeDiscord | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await fake?.close();
  fake = undefined;
});

/** Connects and identifies with `shard` (omitted: none sent); resolves once READY arrived or the socket closed. */
async function identify(discord: FakeDiscord, shard?: unknown): Promise<RawSession> {
  const socket = new WebSocket(discord.gatewayUrl);
  sockets.push(socket);
  const session: RawSession = { socket, dispatches: [], closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))) };
  const settled = new Promise<void>((resolve) => {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { op: number; t?: string; d?: Record<string, unknown> };
      if (message.op === GatewayOp.Hello) socket.send(JSON.stringify({ op: GatewayOp.Identify, d: { token: discord.token, intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
      if (message.op !== GatewayOp.Dispatch) return;
      session.dispatches.push({ t: message.t!, d: message.d ?? {} });
      if (message.t === 'READY') resolve();
    });
    void session.closed.then(() => resolve());
  });
  await settled;
  return session;
}

const interactionsOf = (session: RawSession) => session.dispatches.filter((dispatch) => dispatch.t === 'INTERACTION_CREATE').map((dispatch) => String(dispatch.d['id']));

describe('the fake Discord with shards', () => {
  it('recommends its shard count and routes each server to its shard, DMs to shard 0', async () => {
    fake = await new FakeDiscord({ shards: 2, maxConcurrency: 4 }).start();
    const gateway = (await (await fetch(`${fake.api}/v10/gateway/bot`, { headers: { Authorization: `Bot ${fake.token}` } })).json()) as { shards: number; session_start_limit: { max_concurrency: number } };
    expect(gateway.shards).toBe(2);
    expect(gateway.session_start_limit.max_concurrency).toBe(4);

    const [zero, one] = [await identify(fake, [0, 2]), await identify(fake, [1, 2])];
    expect(zero.dispatches[0]?.d['shard']).toEqual([0, 2]);
    expect(fake.gateway.readyShards.map((ready) => ready.shard)).toEqual([[0, 2], [1, 2]]);

    const onZero = fake.interact(slashCommand({ name: 'help', guild: { id: guildOnShard(0, 2) } }));
    const onOne = fake.interact(slashCommand({ name: 'help', guild: { id: guildOnShard(1, 2) } }));
    const direct = fake.interact(slashCommand({ name: 'help' }));
    await fake.waitUntil(() => interactionsOf(zero).length + interactionsOf(one).length === 3, WAIT_MS);
    expect(interactionsOf(zero)).toEqual([onZero.id, direct.id]);
    expect(interactionsOf(one)).toEqual([onOne.id]);
  });

  it("follows Discord's formula: (guild_id >> 22) % count", () => {
    // Discord's snowflake documentation example: 175928847299117063 >> 22 is 41944705796.
    expect(shardOf('175928847299117063', 1)).toBe(0);
    expect(shardOf('175928847299117063', 5)).toBe(41_944_705_796 % 5);
    expect(shardOf(undefined, 5)).toBe(0);
    for (let shard = 0; shard < 4; shard++) expect(shardOf(guildOnShard(shard, 4), 4)).toBe(shard);
  });

  it('closes a session whose shard id is outside its count with 4010; accepts a second session of a shard', async () => {
    fake = await new FakeDiscord({ shards: 2 }).start();
    const outside = await identify(fake, [2, 2]);
    expect(await outside.closed).toBe(INVALID_SHARD);

    const [first, second] = [await identify(fake, [1, 2]), await identify(fake, [1, 2])];
    const pushed = fake.interact(slashCommand({ name: 'help', guild: { id: guildOnShard(1, 2) } }));
    await fake.waitUntil(() => interactionsOf(first).length === 1 && interactionsOf(second).length === 1, WAIT_MS);
    expect(interactionsOf(second)).toEqual([pushed.id]);
    // No session of shard 0: a DM has nowhere to go.
    expect(() => fake!.interact(slashCommand({ name: 'help' }))).toThrow(/no bot session/);
  });

  it('sends every interaction to a session that identified without a shard (one shard, [0, 1])', async () => {
    fake = await new FakeDiscord().start();
    const only = await identify(fake);
    const pushed = fake.interact(slashCommand({ name: 'help', guild: { id: guildOnShard(1, 2) } }));
    await fake.waitUntil(() => interactionsOf(only).length === 1, WAIT_MS);
    expect(interactionsOf(only)).toEqual([pushed.id]);
  });
});
