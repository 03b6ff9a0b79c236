/**
 * Fault: a class quiz survives restarts, on the test Redis under a prefix of its own.
 *
 * - Worker restart: the edge (a Tutor from createRuntime with REDIS_URL, in this process, serving a platform outbox
 *   that records what it delivers) runs a quiz whose jobs run in a real worker child (`npm run worker`). While
 *   question 2 is open the worker is killed (-9); students answer before and after the kill (the edge answers without
 *   any worker); a new worker fires question 2's timer and runs the quiz to its podium.
 * - Bot restart: the edge runtime closes mid-question (the adapter process going away) and a new one opens on the
 *   same Redis and prefix; students keep answering through it, and its live counts reach the chat.
 *
 * Both end with the scores the answers imply (plain scoring: 1 per right answer), every question posted, closed and
 * revealed exactly once, and no delivery twice. No timing assertions: every wait is a generous bound.
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { cleanEnv, startWorker, type WorkerChild } from '../support/child.js';
import { classroom } from '../support/classroom.js';
import { sleep, waitUntil } from '../support/fault-process.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const PLATFORM_OUTBOX = 'outbox-telegram';
const EDGE_OUTBOX = 'outbox-edge';
/** Bounds, generous for a loaded 2-core machine. */
const WORKER_START_MS = 60_000;
const STEP_MS = 30_000;
/** After the podium and drained queues, how long we keep listening for a duplicate that must not come. */
const QUIET_MS = 1_000;
/** vitest's own limit per test, above the bounds inside, so those fail first and say what was missing. */
const TEST_MS = 150_000;

describe.skipIf(!redisUrl)('fault: a class quiz survives restarts', () => {
  const prefix = uniquePrefix();
  const settings = {
    REDIS_URL: requireRedisUrlOrEmpty(),
    QUEUE_PREFIX: prefix,
    QUIZ_LOBBY_SECONDS: '1',
    QUIZ_REVEAL_SECONDS: '1',
    // A killed worker's job is taken over within seconds, as an operator would set it for this.
    WORKER_LOCK_MS: '1000',
    WORKER_STALLED_CHECK_MS: '500',
  };
  const workers: WorkerChild[] = [];
  const edges: Runtime[] = [];
  let redis: RedisClient;
  let store: RedisClassQuizStore;
  let jobs: Queue;
  let outbox: Queue;

  beforeAll(async () => {
    redis = producerConnection(requireRedisUrl());
    redis.on('error', () => undefined);
    await ready(redis);
    store = new RedisClassQuizStore(redis, prefix);
    jobs = new Queue('fast', { connection: redis, prefix });
    outbox = new Queue(PLATFORM_OUTBOX, { connection: redis, prefix });
  });

  // Each test has its own edges and workers: an edge left open would read the next test's platform outbox.
  afterEach(async () => {
    await Promise.all(edges.splice(0).map((edge) => edge.close().catch(() => undefined)));
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  afterAll(async () => {
    await jobs?.close();
    await outbox?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
    await redis?.quit().catch(() => redis.disconnect());
  });

  const spawnWorker = async (): Promise<WorkerChild> => {
    const worker = await startWorker(cleanEnv({ ...settings, LOG_LEVEL: 'info' }), WORKER_START_MS);
    workers.push(worker);
    return worker;
  };

  /** An edge runtime like a bot process's: its platform outbox's deliveries are recorded in `into`. */
  const openEdge = async (into: Delivery[]): Promise<Runtime> => {
    const edge = await createRuntime(loadConfig(settings), pino({ level: 'silent' }), { outbox: EDGE_OUTBOX });
    edges.push(edge);
    await edge.serve('telegram', PLATFORM_OUTBOX, async (delivery) => void into.push(delivery));
    return edge;
  };

  const closeEdge = async (edge: Runtime): Promise<void> => {
    await edge.close();
    edges.splice(edges.indexOf(edge), 1);
  };

  const kill9 = async (worker: WorkerChild): Promise<void> => {
    const gone = new Promise<void>((resolve) => worker.child.once('close', () => resolve()));
    if (worker.child.exitCode === null && worker.child.signalCode === null && worker.child.pid !== undefined) process.kill(worker.child.pid, 'SIGKILL');
    await gone;
  };

  const outstanding = async () => ({
    fast: await jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    outbox: await outbox.getJobCounts('waiting', 'active', 'delayed'),
  });

  /** Nothing waits, runs or is being delivered any more (the early-closed questions' timers have fired too). */
  const drained = async () => {
    await waitUntil(
      'the job queue and the outbox to drain',
      async () => {
        const counts = await outstanding();
        return [...Object.values(counts.fast), ...Object.values(counts.outbox)].every((count) => count === 0);
      },
      { timeoutMs: STEP_MS, intervalMs: 100, explain: async () => JSON.stringify(await outstanding()) },
    );
    await sleep(QUIET_MS);
  };

  const openRoom = (chat: string, deliveries: Delivery[], describeProcesses: () => string) => classroom(chat, deliveries, describeProcesses, { store, outstanding });

  it('a worker killed (-9) while question 2 is open: a new worker finishes the quiz with the scores the answers imply', async () => {
    const deliveries: Delivery[] = [];
    const first = await spawnWorker();
    const edge = await openEdge(deliveries);
    const describeWorkers = () => workers.map((worker) => `worker pid ${worker.child.pid}${worker.child.exitCode !== null || worker.child.signalCode ? ' (gone)' : ''}:\n${worker.stderr().slice(-2_000)}`).join('\n');
    const room = openRoom('restart-worker', deliveries, describeWorkers);

    const lobby = await room.start(edge, '/quiz start attention 3 5 plain');
    await room.join(edge, lobby);

    // Question 1: everyone answers, so it closes early (the edge asks a worker to close it).
    const q1 = await room.question(0);
    const acks1 = await room.answer(edge, q1, 0, { a: 'R', b: 'R', c: 'W', d: 'R' });
    for (const ack of acks1) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(0);

    // Question 2: two answers, the worker dies, one more answer with no worker at all; d never answers.
    const q2 = await room.question(1);
    for (const ack of await room.answer(edge, q2, 1, { a: 'R', b: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await kill9(first);
    for (const ack of await room.answer(edge, q2, 1, { c: 'R' })) expect(ack?.text).toMatch(/recorded/);
    expect(room.finals(room.questionStream(1)), 'question 2 still open').toEqual([]);

    // A new worker: question 2's timer (a delayed job the dead worker set) closes it, and the quiz goes on.
    await spawnWorker();
    await room.reveal(1);
    const q3 = await room.question(2);
    for (const ack of await room.answer(edge, q3, 2, { a: 'R', b: 'R', c: 'R', d: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(2);
    await room.podium();
    await drained();

    room.expectEachStepOnce(3);
    expect(room.finals(room.questionStream(1))[0]!.reply.text).toContain("Time's up: 3 answered.");
    await room.expectScores({ a: 3, b: 2, c: 2, d: 1 }, { a: 3, b: 3, c: 3, d: 2 });
  }, TEST_MS);

  it('the bot restarts mid-question: a new edge on the same Redis takes the answers on, and the quiz ends with scores intact', async () => {
    const deliveries: Delivery[] = [];
    await spawnWorker();
    const firstEdge = await openEdge(deliveries);
    const room = openRoom('restart-bot', deliveries, () => workers.map((worker) => worker.stderr().slice(-2_000)).join('\n'));

    // 10 s questions, not 5: every question closes early once all four have answered, and the longer window leaves
    // room for the restart (closing one edge, opening another) on a loaded machine.
    const lobby = await room.start(firstEdge, '/quiz start attention 3 10 plain');
    await room.join(firstEdge, lobby);
    const q1 = await room.question(0);
    for (const ack of await room.answer(firstEdge, q1, 0, { a: 'R', b: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await waitUntil('a live count from the first edge', () => deliveries.some((delivery) => delivery.address.correlationId === room.questionStream(0) && delivery.id.startsWith('live-')), {
      timeoutMs: STEP_MS,
      intervalMs: 25,
      explain: room.explain,
    });
    // The adapter process goes away; a new one starts on the same Redis and prefix, with the same outboxes.
    await closeEdge(firstEdge);
    const secondEdge = await openEdge(deliveries);

    // The buttons of the posted question still work, an answer still counts once, and the new edge's live count
    // reaches the chat (a restarted bot in a container often has the same pid as the one before).
    for (const ack of await room.answer(secondEdge, q1, 0, { c: 'R' })) expect(ack?.text).toMatch(/recorded/);
    for (const ack of await room.answer(secondEdge, q1, 0, { a: 'W' })) expect(ack?.text).toMatch(/already answered/);
    await waitUntil('the new edge to show "3 of 4 answered"', () => deliveries.some((delivery) => delivery.address.correlationId === room.questionStream(0) && delivery.reply.text.includes('3 of 4 answered')), {
      timeoutMs: STEP_MS,
      intervalMs: 25,
      explain: room.explain,
    });
    for (const ack of await room.answer(secondEdge, q1, 0, { d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(0);

    const q2 = await room.question(1);
    for (const ack of await room.answer(secondEdge, q2, 1, { a: 'R', b: 'R', c: 'W', d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(1);
    const q3 = await room.question(2);
    for (const ack of await room.answer(secondEdge, q3, 2, { a: 'R', b: 'R', c: 'R', d: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(2);
    await room.podium();
    await drained();

    room.expectEachStepOnce(3);
    expect(room.finals(room.questionStream(0))[0]!.reply.text).toContain("Time's up: 4 answered.");
    await room.expectScores({ a: 3, b: 2, c: 2, d: 2 }, { a: 3, b: 3, c: 3, d: 3 });
  }, TEST_MS);
});

/** The settings object is built before `describe.skipIf` decides; without a Redis it is never used. */
function requireRedisUrlOrEmpty(): string {
  return redisUrl ?? '';
}
