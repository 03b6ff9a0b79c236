/**
 * Fault: the adapter process is killed (-9) while the commands it sent still wait in the queue (no worker runs yet).
 * Workers start later and put the replies in the adapter's outbox; a new adapter process with the same outbox (the
 * terminal with REDIS_URL and the same TERMINAL_SESSION) prints each of those replies exactly once, and goes on
 * answering new commands. The adapter is the real terminal (`npm start -- --json`), the workers `npm run worker`.
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { cleanEnv, startWorker, type JsonReply, type WorkerChild } from '../support/child.js';
import { killAllChildren, sleep, spawnNode, waitUntil, type FaultChild } from '../support/fault-process.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const TUTOR = 'src/main/tutor-process.ts';
/** One command per adapter process that dies: the terminal answers a line before it reads the next. */
const EARLIER = [
  { line: '/explain attention', command: 'explain', topic: 'attention' },
  { line: '/help', command: 'help', topic: undefined },
];
const QUIET_MS = 1_000;
/** vitest's own limit, above the sum of the bounds inside, so those fail first and say what was missing. */
const TEST_MS = 150_000;

describe.skipIf(!redisUrl)('fault: the adapter process killed while its jobs wait', () => {
  const prefix = uniquePrefix();
  const session = `fault${prefix.slice(-12)}`;
  const outboxName = `outbox-terminal-${session}`;
  let redis: RedisClient;
  let jobs: Queue;
  let outbox: Queue;
  let worker: WorkerChild | undefined;

  beforeAll(async () => {
    redis = producerConnection(requireRedisUrl());
    redis.on('error', () => undefined);
    await ready(redis);
    jobs = new Queue('fast', { connection: redis, prefix });
    outbox = new Queue(outboxName, { connection: redis, prefix });
  });

  afterAll(async () => {
    await killAllChildren();
    await worker?.stop();
    await jobs?.close();
    await outbox?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
    await redis?.quit().catch(() => redis.disconnect());
  });

  const parse = (terminal: FaultChild): JsonReply[] => terminal.lines().map((line) => JSON.parse(line) as JsonReply);

  it('a new adapter process on the same outbox delivers the replies of the earlier commands, each once', async () => {
    const env = cleanEnv({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix, TERMINAL_SESSION: session });

    // Adapters send their commands one after another (a live session refuses a second terminal); nobody runs them
    // yet. Each dies without a word once its command waits in the queue; the next waits out the dead one's lease.
    const dying: FaultChild[] = [];
    for (const [i, entry] of EARLIER.entries()) {
      const terminal = spawnNode(`terminal-${i + 1}`, TUTOR, ['--json'], env);
      dying.push(terminal);
      terminal.write(entry.line);
      await waitUntil(`command ${i + 1} to wait in the queue`, async () => (await jobs.getWaitingCount()) === i + 1, {
        timeoutMs: 30_000,
        intervalMs: 100,
        explain: async () => `waiting: ${await jobs.getWaitingCount()}\n${terminal.name}: ${terminal.stderr()}`,
      });
      await terminal.kill9();
    }
    for (const terminal of dying) expect(terminal.lines(), `${terminal.name} printed nothing`).toEqual([]);
    expect(await jobs.getWaitingCount()).toBe(EARLIER.length);

    // Workers start: the replies go to the outbox and wait there for an adapter.
    worker = await startWorker(env, 30_000);
    await waitUntil('the replies to wait in the outbox', async () => (await outbox.getWaitingCount()) === EARLIER.length, {
      timeoutMs: 30_000,
      intervalMs: 100,
      explain: async () => `outbox waiting: ${await outbox.getWaitingCount()}; jobs: ${JSON.stringify(await jobs.getJobCounts())}\n${worker?.stderr() ?? ''}`,
    });

    // A new adapter process with the same session prints them as they arrive, without being asked.
    const terminal = spawnNode('terminal-new', TUTOR, ['--json'], env);
    await waitUntil(`the new terminal to print ${EARLIER.length} replies`, () => terminal.lines().length >= EARLIER.length, {
      timeoutMs: 30_000,
      intervalMs: 100,
      explain: () => `stdout: ${terminal.lines().join('\n')}\nstderr: ${terminal.stderr()}`,
    });
    // And it still answers what it is asked now.
    terminal.write('/explain sampling');
    await waitUntil('the reply to a new command', () => parse(terminal).some((reply) => reply.topic === 'sampling'), {
      timeoutMs: 30_000,
      intervalMs: 100,
      explain: () => `stdout: ${terminal.lines().join('\n')}\nstderr: ${terminal.stderr()}`,
    });
    await waitUntil('the outbox to drain', async () => {
      const counts = await outbox.getJobCounts('waiting', 'active', 'delayed');
      return Object.values(counts).every((count) => count === 0);
    }, { timeoutMs: 30_000, intervalMs: 100, explain: async () => JSON.stringify(await outbox.getJobCounts()) });
    await sleep(QUIET_MS);
    terminal.endInput();
    expect(await terminal.waitForExit(30_000)).toBe(0);

    const replies = parse(terminal);
    expect(replies).toHaveLength(EARLIER.length + 1);
    for (const reply of replies) {
      expect(reply.final).toBe(true);
      expect(reply.error).toBeUndefined();
      expect(reply.lang).toBe('en');
    }
    const late = replies.filter((reply) => reply.topic !== 'sampling').map((reply) => `${reply.command} ${reply.topic ?? '-'}`);
    expect(late.sort()).toEqual(EARLIER.map((entry) => `${entry.command} ${entry.topic ?? '-'}`).sort());
    // Delivered replies are removed from Redis (they hold the texts); "answered once" is a content-free mark.
    expect(await outbox.getCompletedCount()).toBe(0);
  }, TEST_MS);
});
