/**
 * Fault: Discord shards in several processes, against the fake Discord on 127.0.0.1 with 2 shards, on the test Redis
 * under a prefix of its own; workers run in this process (BullMQ, the real processor, a scripted slow model).
 *
 * - `npm start` with DISCORD_SHARDS=2 is a manager with one child process per shard: each shard identifies once,
 *   commands in servers of either shard (and a DM, shard 0) are answered exactly once, a child killed by a signal
 *   is started again, SIGTERM stops them all.
 * - Two bot processes started with DISCORD_SHARD_IDS=0 / 1 (as containers would be): the process of a /generate's
 *   shard is killed (-9) mid-stream; the other finishes the reply in the same message (@original, nothing else).
 * - A class quiz question posted by the only process there is, killed mid-question: the process started after it
 *   closes the question by editing that same message (the message id lives in Redis), then reveals.
 *
 * No timing assertions: every wait is a generous bound.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/main/create-services.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { toPlainText } from '../../src/core/markdown.js';
import { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { cleanEnv } from '../support/child.js';
import { buttonPress, FakeDiscord, guildOnShard, MANAGER_PERMISSIONS, slashCommand, type FakeInteraction, type StoredMessage } from '../support/fake-discord/index.js';
import { messageJson } from '../support/fake-discord/messages.js';
import { killAllChildren, spawnNode, waitUntil, type FaultChild } from '../support/fault-process.js';
import { deleteByPrefix, redisUrl, uniquePrefix } from '../support/redis.js';
import { slowModelKit } from '../support/slow-model-kit.js';

const TUTOR = 'src/main/tutor-process.ts';
const SHARD_COUNT = 2;
/** Bounds, generous for a loaded 2-core machine (a bot process takes seconds to start). */
const START_MS = 90_000;
const ANSWER_MS = 30_000;
const TEST_MS = 240_000;
/** The scripted model streams one character per step: ~14 s for the whole text, time to kill a process mid-way. */
const MODEL_STEP_MS = 150;
const STREAMED_TEXT = 'attention lets every token look back at the tokens before it and decide which ones matter.';
/** Long enough to start another bot process while the question is open. */
const QUESTION_SECONDS = 45;

const SERVER_ON_SHARD = [guildOnShard(0, SHARD_COUNT), guildOnShard(1, SHARD_COUNT)] as const;

/** The pid of the manager's child running `shard` (Linux: its parent and environment in /proc). */
function shardChildPid(managerPid: number, shard: number): number | undefined {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (parent === managerPid && readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`DISCORD_SHARD_IDS=${shard}`)) return Number(entry);
    } catch {
      // A process that ended while we looked.
    }
  }
  return undefined;
}

function logHas(bot: FaultChild, message: string): boolean {
  return bot.stderr().split('\n').some((line) => line.includes(`"msg":"${message}"`));
}

describe.skipIf(!redisUrl)('fault: Discord shards in several processes', () => {
  const prefix = uniquePrefix();
  let fake: FakeDiscord;
  let redis: RedisClient;
  let workers: BullWorkers;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fake = await new FakeDiscord({ shards: SHARD_COUNT, maxConcurrency: 16 }).start();
    redis = producerConnection(redisUrl!);
    redis.on('error', () => undefined);
    await ready(redis);
    const services = createServices(new RedisStore(redis, prefix), 'en', slowModelKit({ text: STREAMED_TEXT, stepMs: MODEL_STEP_MS }), { classQuizTiming: { lobbyMs: 1_000, revealPauseMs: 1_000 } });
    workers = new BullWorkers(redisUrl!, createJobProcessor(services), { prefix, logger: new RecordingLogger() });
    await workers.ready();
    env = cleanEnv({
      REDIS_URL: redisUrl!,
      QUEUE_PREFIX: prefix,
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_REST_API: fake.api,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      QUIZ_LOBBY_SECONDS: '1',
      QUIZ_REVEAL_SECONDS: '1',
      // A killed process's outbox deliveries are taken over within seconds, as an operator would set it for this.
      WORKER_LOCK_MS: '1000',
      WORKER_STALLED_CHECK_MS: '500',
      REDIS_WAIT_REPLICAS: '0',
    });
  });

  afterAll(async () => {
    await killAllChildren();
    await workers?.close();
    await fake?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
    await redis?.quit().catch(() => redis.disconnect());
  });

  const shardSessions = (id: number) => fake.gateway.readyShards.filter((ready) => ready.shard[0] === id && ready.shard[1] === SHARD_COUNT);

  /** A bot process for one shard (DISCORD_SHARD_IDS), resolved once its shard is connected. */
  async function startShard(name: string, id: number): Promise<FaultChild> {
    const before = fake.gateway.readyShards.map((ready) => ready.session);
    const bot = spawnNode(name, TUTOR, [], { ...env, DISCORD_SHARD_IDS: String(id), DISCORD_SHARD_COUNT: String(SHARD_COUNT) });
    await waitUntil(`${name} to connect shard ${id}`, () => logHas(bot, 'discord adapter started') && shardSessions(id).some((ready) => !before.includes(ready.session)), {
      timeoutMs: START_MS,
      intervalMs: 100,
      explain: () => `${JSON.stringify(fake.gateway.readyShards)}\n${bot.stderr().slice(-3_000)}`,
    });
    return bot;
  }

  const answered = (interaction: FakeInteraction) => interaction.originalFilled && (interaction.original?.content ?? '') !== '';
  const callbacks = (interaction: FakeInteraction) => fake.callsOf(interaction.id).filter((call) => call.route === 'callback');

  it('DISCORD_SHARDS=2: the manager runs a process per shard; commands on either shard and in a DM are answered once; a killed child comes back', async () => {
    const manager = spawnNode('manager', TUTOR, [], { ...env, DISCORD_SHARDS: String(SHARD_COUNT) });
    await waitUntil('both shards to connect', () => shardSessions(0).length === 1 && shardSessions(1).length === 1 && logHas(manager, 'discord shard manager: every shard is ready'), {
      timeoutMs: 2 * START_MS,
      intervalMs: 100,
      explain: () => `${JSON.stringify(fake.gateway.readyShards)}\n${manager.stderr().slice(-4_000)}`,
    });

    const asked = [
      fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: { id: SERVER_ON_SHARD[0] }, channelId: '300000000000000010' })),
      fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: { id: SERVER_ON_SHARD[1] }, channelId: '300000000000000011' })),
      fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' } })),
    ];
    await waitUntil('the three answers', () => asked.every(answered), { timeoutMs: ANSWER_MS, explain: () => manager.stderr().slice(-3_000) });
    for (const interaction of asked) {
      expect(interaction.original?.content).toContain('Attention');
      // Deferred once, by the one process that got it; answered in @original, no follow-up.
      expect(callbacks(interaction)).toHaveLength(1);
      expect(fake.messages.filter((message) => message.interactionId === interaction.id && message.route !== 'original.patch')).toEqual([]);
    }

    // A child killed by a signal is started again, and its shard connects anew and answers.
    const killed = shardChildPid(manager.pid, 1);
    expect(killed).toBeDefined();
    const sessionBefore = shardSessions(1)[0]!.session;
    process.kill(killed!, 'SIGKILL');
    await waitUntil('shard 1 to connect again', () => shardSessions(1).some((ready) => ready.session !== sessionBefore), { timeoutMs: START_MS, intervalMs: 100, explain: () => manager.stderr().slice(-3_000) });
    const again = fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: { id: SERVER_ON_SHARD[1] }, channelId: '300000000000000011' }));
    await waitUntil('the answer after the restart', () => answered(again), { timeoutMs: ANSWER_MS, explain: () => manager.stderr().slice(-3_000) });
    expect(shardChildPid(manager.pid, 1)).not.toBe(killed);

    manager.child.kill('SIGTERM');
    expect(await manager.waitForExit(60_000)).toBe(0);
    await waitUntil('the shards to disconnect', () => fake.gateway.readySessions === 0, { timeoutMs: 10_000 });
    expect(manager.stderr()).not.toContain(fake.token);
  }, TEST_MS);

  // The bot processes of the two tests below; the second goes on with the one the first leaves running.
  const bots: FaultChild[] = [];

  it("a /generate whose shard's process is killed mid-stream is finished by the other process, in the same message", async () => {
    bots.push(await startShard('shard-0', 0), await startShard('shard-1', 1));
    const [first] = bots as [FaultChild, FaultChild];
    const channelId = '300000000000000020';
    const generate = fake.interact(slashCommand({ name: 'generate', options: { prompt: 'attention', max_new_tokens: 200 }, guild: { id: SERVER_ON_SHARD[0] }, channelId }));
    await waitUntil('the stream to show part of the text', () => {
      const shown = generate.original?.content ?? '';
      return shown.length > 10 && !shown.includes(STREAMED_TEXT);
    }, { timeoutMs: ANSWER_MS, intervalMs: 20, explain: () => `shown: ${generate.original?.content}\n${first.stderr().slice(-2_000)}` });
    const killedAt = performance.now();
    await first.kill9();

    await waitUntil('the whole text in @original', () => (generate.original?.content ?? '').includes(STREAMED_TEXT), {
      timeoutMs: ANSWER_MS,
      explain: () => `shown: ${generate.original?.content}\n${bots[1]!.stderr().slice(-3_000)}`,
    });
    const edits = fake.messages.filter((message) => message.interactionId === generate.id);
    expect(edits.every((message) => message.route === 'original.patch' && message.status === 200)).toBe(true);
    expect(edits.some((message) => message.at > killedAt)).toBe(true);
    expect(callbacks(generate)).toHaveLength(1);
    expect(fake.channels.messagesIn(channelId)).toEqual([]);
  }, TEST_MS);

  it('a quiz question posted by a process killed mid-question is closed by the next process in the same message', async () => {
    const survivor = bots.find((bot) => bot.running && bot.name === 'shard-1') ?? (await startShard('shard-1', 1));
    // It is the only bot process: the question's message is posted, and its id known, by it alone.
    expect(bots.filter((bot) => bot.running && bot !== survivor)).toEqual([]);
    const server = SERVER_ON_SHARD[1];
    const channelId = '300000000000000030';
    const students = ['Ann', 'Bob'].map((username, i) => ({ id: `10000000000000020${i}`, username }));
    const press = async (who: { id: string; username: string }, message: StoredMessage, customId: string) => {
      const pushed = fake.interact(buttonPress({ customId, id: who.id, username: who.username, guild: { id: server }, channelId, message: messageJson(message, fake.bot) }));
      await waitUntil(`${who.username}'s press to be acknowledged`, () => callbacks(pushed).some((call) => call.status !== 0), { timeoutMs: ANSWER_MS });
    };
    const buttonsOf = (message: StoredMessage) => (message.components as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((button) => button.custom_id));
    const question = () => fake.channels.messagesIn(channelId).find((message) => /^Question 1 of 1/.test(toPlainText(message.content)));

    const start = fake.interact(slashCommand({ name: 'quiz', subcommand: 'start', id: '100000000000000007', username: 'Teacher', guild: { id: server, permissions: MANAGER_PERMISSIONS }, channelId, options: { topic: 'attention', questions: 1, seconds: QUESTION_SECONDS, thread: 'off' } }));
    await waitUntil('the lobby', () => answered(start) && (start.original?.components.length ?? 0) > 0, { timeoutMs: ANSWER_MS, explain: () => survivor.stderr().slice(-3_000) });
    for (const student of students) await press(student, start.original!, buttonsOf(start.original!)[0]!);
    await waitUntil('question 1 in the channel', () => (question()?.components.length ?? 0) > 0, { timeoutMs: ANSWER_MS, explain: () => survivor.stderr().slice(-3_000) });
    const posted = question()!;
    // One of the two answers: with every player answered the question would close at once.
    await press(students[0]!, posted, buttonsOf(posted)[0]!);
    await waitUntil('the live count', () => toPlainText(posted.content).includes('1 of 2 answered'), { timeoutMs: ANSWER_MS });

    // A process for the other shard starts while the question is open; then the one that posted it dies.
    const next = await startShard('shard-0-again', 0);
    bots.push(next);
    expect(posted.components.length).toBeGreaterThan(0);
    const killedAt = performance.now();
    await survivor.kill9();

    await waitUntil('the question closed', () => posted.components.length === 0, { timeoutMs: QUESTION_SECONDS * 1_000 + ANSWER_MS, explain: () => next.stderr().slice(-3_000) });
    expect(toPlainText(posted.content)).toContain("Time's up: 1 answered.");
    await waitUntil('the reveal', () => fake.channels.messagesIn(channelId).some((message) => /^✅ Question 1:/.test(toPlainText(message.content))), { timeoutMs: ANSWER_MS });

    // One message for the question: posted once, every later change an edit of it, the close after the kill.
    const questionCalls = fake.messages.filter((message) => message.channelId === channelId && (message.messageId === posted.id || /^Question 1 of 1/.test(toPlainText(message.content ?? ''))));
    expect(questionCalls.filter((message) => message.route === 'channel.post').map((message) => message.messageId)).toEqual([posted.id]);
    expect(questionCalls.every((message) => message.messageId === posted.id && message.status === 200)).toBe(true);
    expect(questionCalls.at(-1)!.at).toBeGreaterThan(killedAt);
    expect(fake.channels.messagesIn(channelId).filter((message) => /^Question 1 of 1/.test(toPlainText(message.content)))).toHaveLength(1);
  }, TEST_MS);
});
