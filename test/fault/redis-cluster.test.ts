/**
 * A Redis Cluster of three masters of the test's own (test/support/redis-topology.ts): an edge runtime with
 * REDIS_CLUSTER_NODES and two `npm run worker` processes run the fault suite's command flow, per-person state
 * (/lang, rate limits, /forget's index) and a class quiz with no CROSSSLOT error anywhere, and the queues land on more
 * than one master (a hash tag per queue, not one for everything).
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { queuePrefix } from '../../src/queue/keys.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { RedisStore } from '../../src/state/redis.js';
import { RecordingLogger, asker } from '../support/bull-harness.js';
import { cleanEnv, startWorker, type WorkerChild } from '../support/child.js';
import { classroom } from '../support/classroom.js';
import { killAllChildren, sleep, waitUntil } from '../support/fault-process.js';
import { uniquePrefix } from '../support/redis.js';
import { canStartTopologies, RedisCluster } from '../support/redis-topology.js';
import { pino } from 'pino';

const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling'];
const COMMANDS = 120;
const SPACING_MS = 10;
const EDGE_OUTBOX = 'outbox-edge';
const PLATFORM_OUTBOX = 'outbox-telegram';
const TEST_MS = 180_000;

describe.skipIf(!canStartTopologies())('Redis Cluster: three masters', () => {
  let cluster: RedisCluster | undefined;
  let edge: Runtime | undefined;
  let inspector: RedisClient | undefined;
  const workers: WorkerChild[] = [];
  const queues: Queue[] = [];

  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
  }, 60_000);

  afterAll(async () => {
    await killAllChildren();
    await Promise.all(workers.map((worker) => worker.stop()));
    await edge?.close().catch(() => undefined);
    await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
    inspector?.disconnect();
    await cluster?.destroy();
  });

  it('runs commands, per-person state and a class quiz without CROSSSLOT, with the queues on several masters', async () => {
    const nodes = cluster!;
    const prefix = uniquePrefix();
    const settings = { ...nodes.env, QUEUE_PREFIX: prefix, QUIZ_LOBBY_SECONDS: '1', QUIZ_REVEAL_SECONDS: '1' };
    inspector = producerConnection(nodes.topology);
    inspector.on('error', () => undefined);
    await ready(inspector);
    const store = new RedisClassQuizStore(inspector, prefix);
    const queue = (name: string) => {
      const handle = new Queue(name, { connection: inspector!, prefix: queuePrefix(inspector!, prefix, name) });
      handle.on('error', () => undefined);
      queues.push(handle);
      return handle;
    };
    const [jobs, outbox, edgeOutbox] = [queue('fast'), queue(PLATFORM_OUTBOX), queue(EDGE_OUTBOX)];
    const outstanding = async () => ({
      fast: await jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      outbox: await outbox.getJobCounts('waiting', 'active', 'delayed'),
      edge: await edgeOutbox.getJobCounts('waiting', 'active', 'delayed'),
    });

    workers.push(...(await Promise.all([0, 1].map(() => startWorker(cleanEnv({ ...settings, LOG_LEVEL: 'info' }), 60_000)))));
    const logger = new RecordingLogger();
    const platform: Delivery[] = [];
    edge = await createRuntime(loadConfig(settings), pino({ level: 'warn' }, { write: (line: string) => void logger.error(JSON.parse(line) as object, 'edge log') }), { outbox: EDGE_OUTBOX });
    await edge.serve('telegram', PLATFORM_OUTBOX, async (delivery) => void platform.push(delivery));
    const describeAll = () => workers.map((worker) => `worker ${worker.child.pid}:\n${worker.stderr().slice(-1_500)}`).join('\n');
    const room = classroom('cluster', platform, describeAll, { store, outstanding });

    // Per-person keys: /lang writes a preference and its /forget index in one MULTI; every command takes a rate token
    // (a Lua script on the bucket and the index).
    const zh = await edge.tutor.handleText('/lang zh', asker('polyglot'));
    expect(zh.error).toBeUndefined();
    expect((await edge.tutor.handleText('/explain attention', asker('polyglot'))).locale).toBe('zh');

    const lobby = await room.start(edge, '/quiz start attention 3 10 plain');
    await room.join(edge, lobby);
    const sent: { command: string; topic: string | undefined; reply: Promise<Reply> }[] = [];
    for (let index = 0; index < COMMANDS; index++) {
      const topic = index % 5 === 4 ? undefined : TOPICS[index % TOPICS.length]!;
      sent.push({ command: topic ? 'explain' : 'help', topic, reply: edge.tutor.handleText(topic ? `/explain ${topic}` : '/help', asker(`u${index % 7}`)) });
      await sleep(SPACING_MS);
    }
    for (let index = 0; index < 3; index++) {
      const post = await room.question(index);
      const picks = [{ a: 'R', b: 'R', c: 'W', d: 'R' }, { a: 'R', b: 'W', c: 'R', d: 'R' }, { a: 'R', b: 'R', c: 'R', d: 'W' }][index] as Record<'a' | 'b' | 'c' | 'd', 'R' | 'W'>;
      for (const ack of await room.answer(edge, post, index, picks)) expect(ack?.text).toMatch(/recorded/);
      await room.reveal(index);
    }
    await room.podium();
    const replies = await Promise.all(sent.map((entry) => entry.reply));
    const wrong = sent.filter((entry, i) => replies[i]!.error !== undefined || replies[i]!.command !== entry.command || (entry.topic !== undefined && replies[i]!.topic !== entry.topic));
    expect(wrong.length, `${wrong.length} commands not answered properly: ${JSON.stringify(replies.find((reply) => reply.error))}`).toBe(0);
    await waitUntil('the queues and outboxes to drain', async () => Object.values(await outstanding()).flatMap((count) => Object.values(count)).every((count) => count === 0), {
      timeoutMs: 30_000,
      intervalMs: 100,
      explain: async () => JSON.stringify(await outstanding()),
    });
    room.expectEachStepOnce(3);
    await room.expectScores({ a: 3, b: 2, c: 2, d: 2 }, { a: 3, b: 3, c: 3, d: 3 });

    // /forget's index: one person's keys, all in one slot, found and deleted without a SCAN.
    const state = new RedisStore(inspector, prefix);
    const forgotten = await state.deleteUserKeys('user:terminal:polyglot:');
    expect(forgotten.length).toBeGreaterThan(0);
    expect(await state.deleteUserKeys('user:terminal:polyglot:')).toEqual([]);

    const perMaster = await nodes.keysPerMaster();
    expect(perMaster.filter((keys) => keys > 0).length, `keys per master: ${perMaster.join(', ')}`).toBeGreaterThan(1);
    const crossSlot = [...workers.flatMap((worker) => worker.stderr().split('\n')), ...logger.entries.map((entry) => JSON.stringify(entry.object))].filter((line) => /CROSSSLOT/.test(line));
    expect(crossSlot.slice(0, 3)).toEqual([]);
    const workerErrors = workers.flatMap((worker) => worker.stderr().split('\n')).filter((line) => /"level":(50|60)/.test(line));
    expect(workerErrors.slice(0, 3)).toEqual([]);
  }, TEST_MS);
});
