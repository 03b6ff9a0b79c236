/**
 * The gateway giving up, with the real discord.js client against the fake Discord: a close that discord.js does not
 * reconnect after (4004 authentication failed, as after a token reset) is reported through onFatal once the bot
 * runs, and rejects start() when it comes before the bot is ready — never a process that stays up deaf.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_TOKEN_REFUSED, DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { deferred } from '../support/async.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { startDiscordRig, type DiscordRig } from '../support/discord-rig.js';
import { FakeDiscord, slashCommand } from '../support/fake-discord/index.js';
import { startRigEdge } from '../support/rig-edge.js';
import { slowModelKit } from '../support/slow-model-kit.js';

let rig: DiscordRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function bounded<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('Discord adapter: the gateway gives up', () => {
  it('reports close 4004 after start through onFatal, once, without the token', async () => {
    const fatal = deferred<string>();
    const reasons: string[] = [];
    rig = await startDiscordRig({
      adapter: {
        onFatal: (reason) => {
          reasons.push(reason);
          fatal.resolve(reason);
        },
      },
    });
    // The bot works, then Discord stops taking its token.
    await rig.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {} }));
    rig.fake.gateway.refuseIdentify(4004);
    expect(await bounded(fatal.promise, 10_000, 'onFatal')).toBe(DISCORD_TOKEN_REFUSED);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/refused the bot token/);
    expect(reasons[0]).not.toContain(rig.fake.token);
  });

  it('names another final close code (4014 disallowed intents) with its fix', async () => {
    const fatal = deferred<string>();
    rig = await startDiscordRig({ adapter: { onFatal: (reason) => fatal.resolve(reason) } });
    rig.fake.gateway.refuseIdentify(4014);
    expect(await bounded(fatal.promise, 10_000, 'onFatal')).toMatch(/code 4014 \(disallowed intents.*will not reconnect/);
  });

  it('rejects start() when the gateway refuses the bot before it is ready', async () => {
    const fake = await new FakeDiscord().start();
    const logger = new RecordingLogger();
    const edge = await startRigEdge({ outbox: 'outbox-discord-faults-edge', model: slowModelKit(), logger });
    const reasons: string[] = [];
    const adapter = new DiscordAdapter(edge.runtime.tutor, { token: fake.token, appId: fake.appId, restApi: fake.api, logger, onFatal: (reason) => reasons.push(reason) });
    // The gateway refuses every IDENTIFY from the start (REST still takes the token).
    fake.gateway.refuseIdentify(4004);
    try {
      await expect(bounded(adapter.start(), 15_000, 'start')).rejects.toThrow(DISCORD_TOKEN_REFUSED);
      expect(reasons).toEqual([]);
    } finally {
      await adapter.stop();
      await edge.close();
      await fake.close();
    }
  });

  it('rejects start() with the same message when REST refuses the token at login', async () => {
    const fake = await new FakeDiscord().start();
    const logger = new RecordingLogger();
    const edge = await startRigEdge({ outbox: 'outbox-discord-faults-edge', model: slowModelKit(), logger });
    const adapter = new DiscordAdapter(edge.runtime.tutor, { token: 'not-the-token.of-this-bot', appId: fake.appId, restApi: fake.api, logger });
    try {
      await expect(bounded(adapter.start(), 15_000, 'start')).rejects.toThrow(DISCORD_TOKEN_REFUSED);
    } finally {
      await adapter.stop();
      await edge.close();
      await fake.close();
    }
  });
});
