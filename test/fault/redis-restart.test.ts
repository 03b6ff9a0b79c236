/**
 * Fault: Redis is stopped and started again (AOF persistence with fsync on every write, as in production) while
 * commands flow. The edge (Tutor + BullJobSubmitter + BullOutboxConsumer, assembled as src/main/runtime.ts does, from
 * test/support/bull-harness.ts) and two `npm run worker` processes must reconnect by themselves, and every command
 * gets exactly one final reply — including those sent while Redis was down (the submitter rides out a short outage).
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { asker, startHarness, type Harness } from '../support/bull-harness.js';
import { cleanEnv, startWorker, type WorkerChild } from '../support/child.js';
import { killAllChildren, sleep, waitUntil } from '../support/fault-process.js';
import { canStartRedis, PersistentRedis } from '../support/fault-redis.js';
import { redisUrl } from '../support/redis.js';

const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling'];
/**
 * Commands sent before the stop, while Redis is down, and after it is back, and the spacing between two of them:
 * 200 commands over ~4.5 s, with Redis down for ~2 s (several failed reconnect attempts, well inside the ~8 s the
 * submitter waits).
 */
const PHASES = { before: { count: 80, spacingMs: 15 }, down: { count: 40, spacingMs: 50 }, after: { count: 80, spacingMs: 15 } } as const;
type Phase = keyof typeof PHASES;
const OUTBOX = 'outbox-harness';
const QUIET_MS = 1_000;
const TEST_MS = 150_000;

interface Sent {
  index: number;
  phase: Phase;
  command: string;
  topic: string | undefined;
  reply: Promise<Reply>;
}

describe.skipIf(!redisUrl || !canStartRedis())('fault: Redis restarted while commands flow', () => {
  let server: PersistentRedis | undefined;
  let harness: Harness | undefined;
  const workers: WorkerChild[] = [];

  beforeAll(async () => {
    server = await PersistentRedis.start();
  });

  afterAll(async () => {
    await killAllChildren();
    await Promise.all(workers.map((worker) => worker.stop()));
    // A test that failed during the outage leaves Redis down: bring it back so the harness can close (it deletes
    // its keys); the server and its directory go right after anyway.
    if (server && !server.running) await server.start().catch(() => undefined);
    await harness?.close().catch(() => undefined);
    await server?.destroy();
  });

  it('reconnects the edge and the workers by themselves, and answers every command exactly once', async () => {
    const redis = server!;
    harness = await startHarness(redis.url, { workerQueues: [] });
    const { tutor, deliveries, prefix } = harness;
    const env = cleanEnv({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix });
    workers.push(...(await Promise.all([startWorker(env, 60_000), startWorker(env, 60_000)])));

    const sent: Sent[] = [];
    const send = async (phase: Phase) => {
      for (let i = 0; i < PHASES[phase].count; i++) {
        const index = sent.length;
        const topic = index % 5 === 4 ? undefined : TOPICS[index % TOPICS.length]!;
        const line = topic ? `/explain ${topic}` : '/help';
        // Not awaited: a steady stream, each command waiting for its own reply (bounded by the tutor's timeout).
        sent.push({ index, phase, command: topic ? 'explain' : 'help', topic, reply: tutor.handleText(line, asker(`u${index % 7}`)) });
        await sleep(PHASES[phase].spacingMs);
      }
    };

    await send('before');
    // Written before the stop, it must be there after: persistence is on.
    await harness.redis.set(`${prefix}:fault:marker`, 'kept');
    await redis.stop();
    await send('down');
    await redis.start();
    await send('after');

    const replies = await Promise.all(sent.map((entry) => entry.reply));
    const fast = harness.queue('fast');
    const outbox = new Queue(OUTBOX, { connection: harness.redis, prefix });
    try {
      await waitUntil('the job queue and the outbox to drain', async () => {
        const counts = [await fast.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), await outbox.getJobCounts('waiting', 'active', 'delayed')];
        return counts.flatMap((count) => Object.values(count)).every((count) => count === 0);
      }, { timeoutMs: 30_000, intervalMs: 100, explain: async () => `${JSON.stringify(await fast.getJobCounts())} ${JSON.stringify(await outbox.getJobCounts())}` });
    } finally {
      await outbox.close();
    }
    await sleep(QUIET_MS);

    const wrong = sent
      .map((entry, i) => ({ entry, reply: replies[i]! }))
      .filter(({ entry, reply }) => reply.error !== undefined || reply.command !== entry.command || (entry.topic !== undefined && reply.topic !== entry.topic))
      .map(({ entry, reply }) => `#${entry.index} (${entry.phase}) ${entry.command} ${entry.topic ?? ''}: got ${reply.error?.code ?? `${reply.command} ${String(reply.topic)}`}`);
    const edgeErrors = harness.logger.entries.filter((entry) => entry.message === 'command failed').slice(0, 3);
    expect(wrong, `commands not answered properly:\n${wrong.join('\n')}\nfirst edge errors: ${JSON.stringify(edgeErrors)}`).toEqual([]);

    const finals = new Map<string, number>();
    for (const delivery of deliveries) {
      if (delivery.final) finals.set(delivery.address.correlationId, (finals.get(delivery.address.correlationId) ?? 0) + 1);
    }
    expect([...finals].filter(([, count]) => count > 1), 'correlation ids with more than one final reply').toEqual([]);
    expect(finals.size).toBe(sent.length);
    expect(await harness.redis.get(`${prefix}:fault:marker`)).toBe('kept');
    for (const worker of workers) expect(worker.child.exitCode, 'a worker process exited').toBeNull();
    // Nor did the restart cost any job an attempt (each is one failure closer to an error reply): a job that finds
    // Redis away waits for it within its attempt.
    const failedAttempts = workers.flatMap((worker) => worker.stderr().split('\n')).filter((line) => line.includes('"msg":"job failed"'));
    expect(failedAttempts.slice(0, 3), `${failedAttempts.length} job attempts failed in the workers`).toEqual([]);
  }, TEST_MS);
});
