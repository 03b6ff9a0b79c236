/**
 * Fault: the Redis master dies (kill -9) under Sentinel while commands flow and a class quiz is in flight.
 *
 * A master, a replica and three sentinels of the test's own (test/support/redis-topology.ts); an edge runtime as a bot
 * process builds it (createRuntime with REDIS_SENTINELS), serving a platform outbox the quiz posts to; two
 * `npm run worker` processes on the same Sentinel group. Halfway through 200 commands replication stalls (a proxy on
 * the replication link stops forwarding) and after a burst of 40 more commands the master is killed, so its last writes are lost for
 * certain; the sentinels promote the replica. Every command is answered exactly once (the edge re-submits what it has no reply
 * for; outbox deduplication and the consumer's memory drop repeats), the workers keep consuming (a second wave after
 * the failover is answered), and the quiz finishes with the scores the answers imply. No timing assertions.
 */
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { asker } from '../support/bull-harness.js';
import { cleanEnv, startWorker, type WorkerChild } from '../support/child.js';
import { classroom } from '../support/classroom.js';
import { killAllChildren, sleep, waitUntil } from '../support/fault-process.js';
import { uniquePrefix } from '../support/redis.js';
import { canStartTopologies, SentinelGroup } from '../support/redis-topology.js';

const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling'];
const WAVE = 200;
const FREEZE_AT = 100;
const KILL_AT = 140;
/** After the burst, until its jobs are in the master's queue (acknowledged, not replicated). */
const BURST_SETTLE_MS = 30;
const SECOND_WAVE = 50;
const SPACING_MS = 10;
const EDGE_OUTBOX = 'outbox-edge';
const PLATFORM_OUTBOX = 'outbox-telegram';
const QUIET_MS = 1_500;
const TEST_MS = 240_000;

interface Sent {
  index: number;
  command: string;
  topic: string | undefined;
  reply: Promise<Reply>;
}

describe.skipIf(!canStartTopologies())('fault: the Redis master killed under Sentinel', () => {
  let group: SentinelGroup | undefined;
  let edge: Runtime | undefined;
  let inspector: RedisClient | undefined;
  const workers: WorkerChild[] = [];
  const queues: Queue[] = [];

  beforeAll(async () => {
    group = await SentinelGroup.start();
  }, 60_000);

  afterAll(async () => {
    await killAllChildren();
    await Promise.all(workers.map((worker) => worker.stop()));
    await edge?.close().catch(() => undefined);
    await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
    inspector?.disconnect();
    await group?.destroy();
  });

  it('answers every command exactly once, keeps the workers consuming and finishes the quiz with exact scores', async () => {
    const sentinel = group!;
    const prefix = uniquePrefix();
    const settings = {
      ...sentinel.env,
      QUEUE_PREFIX: prefix,
      QUIZ_LOBBY_SECONDS: '1',
      QUIZ_REVEAL_SECONDS: '1',
      // A job whose completion the failover lost is taken over within seconds.
      WORKER_LOCK_MS: '1000',
      WORKER_STALLED_CHECK_MS: '500',
    };
    inspector = producerConnection(sentinel.topology);
    inspector.on('error', () => undefined);
    await ready(inspector);
    const store = new RedisClassQuizStore(inspector, prefix);
    const jobs = new Queue('fast', { connection: inspector, prefix });
    const outbox = new Queue(PLATFORM_OUTBOX, { connection: inspector, prefix });
    const edgeOutbox = new Queue(EDGE_OUTBOX, { connection: inspector, prefix });
    queues.push(jobs, outbox, edgeOutbox);
    // The connection's errors while the master is gone are expected; unheard, BullMQ prints each with console.error.
    for (const queue of queues) queue.on('error', () => undefined);
    const outstanding = async () => ({
      fast: await jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      outbox: await outbox.getJobCounts('waiting', 'active', 'delayed'),
      edge: await edgeOutbox.getJobCounts('waiting', 'active', 'delayed'),
    });

    workers.push(...(await Promise.all([0, 1].map(() => startWorker(cleanEnv({ ...settings, LOG_LEVEL: 'info' }), 60_000)))));
    const platform: Delivery[] = [];
    const unclaimed: Delivery[] = [];
    edge = await createRuntime(loadConfig(settings), pino({ level: 'silent' }), { outbox: EDGE_OUTBOX, onUnclaimed: async (delivery) => void unclaimed.push(delivery) });
    await edge.serve('telegram', PLATFORM_OUTBOX, async (delivery) => void platform.push(delivery));
    const describeAll = () => `${workers.map((worker) => `worker ${worker.child.pid}:\n${worker.stderr().slice(-1_500)}`).join('\n')}`;
    const room = classroom('failover', platform, describeAll, { store, outstanding });

    // A quiz in flight: question 1 done, question 2 open with two of four answers when the master dies.
    const lobby = await room.start(edge, '/quiz start attention 3 20 plain');
    await room.join(edge, lobby);
    const q1 = await room.question(0);
    for (const ack of await room.answer(edge, q1, 0, { a: 'R', b: 'R', c: 'W', d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(0);
    const q2 = await room.question(1);
    for (const ack of await room.answer(edge, q2, 1, { a: 'R', b: 'W' })) expect(ack?.text).toMatch(/recorded/);

    const sent: Sent[] = [];
    const send = async (count: number, onEach?: (index: number) => Promise<void>) => {
      for (let i = 0; i < count; i++) {
        const index = sent.length;
        const topic = index % 5 === 4 ? undefined : TOPICS[index % TOPICS.length]!;
        sent.push({ index, command: topic ? 'explain' : 'help', topic, reply: edge!.tutor.handleText(topic ? `/explain ${topic}` : '/help', asker(`u${index % 7}`)) });
        await onEach?.(index);
        // Between the stall and the kill the commands come as a burst, so some still wait in the queue at the kill.
        if (index < FREEZE_AT || index >= KILL_AT) await sleep(SPACING_MS);
      }
    };
    // Replication stalls at command FREEZE_AT and the master dies at KILL_AT: what it acknowledged in between —
    // commands, their replies, their completions, c's answer — never reaches the replica that takes over.
    let lateAnswer: Promise<(Reply | undefined)[]> | undefined;
    await send(WAVE, async (index) => {
      if (index === FREEZE_AT) {
        sentinel.freezeReplication();
        lateAnswer = room.answer(edge!, q2, 1, { c: 'R' });
      }
      if (index === KILL_AT) {
        await sleep(BURST_SETTLE_MS);
        await sentinel.killMaster();
      }
    });
    await sentinel.promoted();

    // The rest of the quiz on the promoted replica: the answers given before the kill are still there, and c, who
    // answered while replication was stalled, was told "recorded" only once the answer was on the new master.
    for (const ack of await lateAnswer!) expect(ack?.text).toMatch(/recorded/);
    for (const ack of await room.answer(edge, q2, 1, { d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(1);
    const q3 = await room.question(2);
    for (const ack of await room.answer(edge, q3, 2, { a: 'R', b: 'R', c: 'R', d: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(2);
    await room.podium();

    // The workers still consume after the failover: a second wave is answered.
    await send(SECOND_WAVE);
    const replies = await Promise.all(sent.map((entry) => entry.reply));
    await waitUntil('the queues and outboxes to drain', async () => {
      const counts = await outstanding();
      return Object.values(counts).flatMap((count) => Object.values(count)).every((count) => count === 0);
      // The early-closed questions' own timers (20 s windows) fire too before everything is drained.
    }, { timeoutMs: 45_000, intervalMs: 100, explain: async () => JSON.stringify(await outstanding()) });
    await sleep(QUIET_MS);

    const wrong = sent
      .map((entry, i) => ({ entry, reply: replies[i]! }))
      .filter(({ entry, reply }) => reply.error !== undefined || reply.command !== entry.command || (entry.topic !== undefined && reply.topic !== entry.topic))
      .map(({ entry, reply }) => `#${entry.index} ${entry.command} ${entry.topic ?? ''}: got ${reply.error?.code ?? `${reply.command} ${String(reply.topic)}`}`);
    expect(wrong, `commands not answered properly:\n${wrong.join('\n')}\n${describeAll()}`).toEqual([]);
    // A second final for a command already answered would reach nobody's waiter: it would land here.
    expect(unclaimed.map((delivery) => `${delivery.id} ${delivery.final ? 'final' : 'update'}`), 'deliveries nobody waited for (repeats)').toEqual([]);
    expect(await sentinel.masterPort()).toBe(sentinel.replica.port);
    // The mechanisms were exercised, not only present: commands in flight at the kill were submitted again.
    const stats = edge.failoverStats!();
    expect(stats.reconnects, JSON.stringify(stats)).toBeGreaterThan(0);
    expect(stats.resubmitted, JSON.stringify(stats)).toBeGreaterThan(0);

    room.expectEachStepOnce(3);
    await room.expectScores({ a: 3, b: 2, c: 2, d: 2 }, { a: 3, b: 3, c: 3, d: 3 });
    for (const worker of workers) expect(worker.child.exitCode, 'a worker process exited').toBeNull();
  }, TEST_MS);
});
