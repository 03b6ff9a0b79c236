/**
 * SIGTERM to worker processes with a slow job in hand (test/support/fault-worker.ts: `npm run worker`'s own start and
 * drain, with an /explain job that announces itself and takes FAULT_SLOW_MS):
 * - within WORKER_DRAIN_MS: the worker takes no new job, finishes the one in hand and exits 0; its user gets that
 *   answer once, and the job sent after the signal waits for another worker;
 * - past WORKER_DRAIN_MS: the job goes back to the queue and a second worker starts it long before the job's lock
 *   (120 s here) would have let it, and its user gets one answer, the second worker's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { newCorrelationId } from '../../src/core/tutor.js';
import { BullJobSubmitter } from '../../src/queue/bullmq.js';
import { BullOutboxConsumer } from '../../src/queue/outbox.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { cleanEnv } from '../support/child.js';
import { killAllChildren, sleep, startFaultWorker, waitUntil, type FaultChild } from '../support/fault-process.js';
import { parseStarted, SLOW_TOPIC, slowAnswer } from '../support/fault-protocol.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const OUTBOX = 'outbox-fault-drain';
/** Bounds for a loaded 2-core machine. */
const START_MS = 60_000;
const ANSWER_MS = 30_000;
/** Far below the 120 s lock: a takeover this soon is the hand-back, not the lock expiring. */
const TAKEOVER_MS = 40_000;
const EXIT_MS = 40_000;
/** After the answer, how long we keep listening for a second one that must not come. */
const QUIET_MS = 1_000;
const TEST_MS = 180_000;

describe.skipIf(!redisUrl)('SIGTERM: a worker process drains', () => {
  const prefix = uniquePrefix();
  const logger = new RecordingLogger();
  const deliveries: Delivery[] = [];
  let redis: RedisClient;
  let submitter: BullJobSubmitter;
  let consumer: BullOutboxConsumer;

  beforeAll(async () => {
    redis = producerConnection(requireRedisUrl());
    redis.on('error', () => undefined);
    await ready(redis);
    submitter = new BullJobSubmitter(redis, prefix);
    await submitter.ready();
    consumer = new BullOutboxConsumer(requireRedisUrl(), OUTBOX, async (delivery) => void deliveries.push(delivery), { prefix, logger });
    await consumer.ready();
  }, 30_000);

  afterAll(async () => {
    await killAllChildren();
    await consumer?.close();
    await submitter?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
    await redis?.quit().catch(() => redis.disconnect());
  });

  const env = (extra: Record<string, string>) => cleanEnv({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix, WORKER_LOCK_MS: '120000', ...extra });
  const slowJob = (correlationId: string): TutorJob => ({
    command: 'explain',
    args: { topic: SLOW_TOPIC },
    context: { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale: 'en' },
    address: { platform: 'terminal', chatId: 'c1', userId: 'u1', correlationId, outbox: OUTBOX },
  });
  const finals = (correlationId: string) => deliveries.filter((delivery) => delivery.final && delivery.address.correlationId === correlationId);
  const startedBy = (worker: FaultChild, correlationId: string) => worker.lines().some((line) => parseStarted(line)?.correlationId === correlationId);
  const waitStarted = (worker: FaultChild, correlationId: string, timeoutMs: number) => worker.waitForLine(`started ${correlationId}`, (line) => parseStarted(line)?.correlationId === correlationId, timeoutMs);
  const answered = (correlationId: string, workers: readonly FaultChild[]) =>
    waitUntil(`the final reply to ${correlationId}`, () => finals(correlationId).length > 0, {
      timeoutMs: ANSWER_MS,
      explain: () => workers.map((worker) => `${worker.name}: ${worker.lines().join(' | ')}\n${worker.stderr().slice(-2_000)}`).join('\n'),
    });
  const logged = (worker: FaultChild, message: string) => worker.stderr().split('\n').some((line) => line.includes(`"msg":"${message}"`));

  it('finishes the job in hand within the bound, takes no new one, and exits 0; its user is answered once', async () => {
    const first = await startFaultWorker('worker-a', env({ FAULT_SLOW_MS: '2000', WORKER_DRAIN_MS: '25000' }), START_MS);
    const inHand = newCorrelationId();
    await submitter.submit('fast', slowJob(inHand));
    await waitStarted(first, inHand, ANSWER_MS);

    process.kill(first.pid, 'SIGTERM');
    await waitUntil('worker-a to stop taking jobs', () => logged(first, 'stopping: taking no new jobs, finishing the jobs in hand'), { timeoutMs: ANSWER_MS, explain: () => first.stderr() });
    const sentAfter = newCorrelationId();
    await submitter.submit('fast', slowJob(sentAfter));
    expect(await first.waitForExit(EXIT_MS)).toBe(0);

    await answered(inHand, [first]);
    expect(finals(inHand)).toHaveLength(1);
    expect(finals(inHand)[0]!.reply.text).toBe(slowAnswer(first.pid));
    expect(startedBy(first, sentAfter)).toBe(false);
    expect(logged(first, 'stopping: every job in hand finished')).toBe(true);
    expect(logged(first, 'stopped')).toBe(true);

    // The job sent after the signal waited in the queue for the next worker.
    const second = await startFaultWorker('worker-b', env({ FAULT_SLOW_MS: '200' }), START_MS);
    await answered(sentAfter, [first, second]);
    await sleep(QUIET_MS);
    expect(finals(sentAfter)).toHaveLength(1);
    expect(finals(sentAfter)[0]!.reply.text).toBe(slowAnswer(second.pid));
    expect(finals(inHand)).toHaveLength(1);
    process.kill(second.pid, 'SIGTERM');
    expect(await second.waitForExit(EXIT_MS)).toBe(0);
  }, TEST_MS);

  it('hands a job still running at the bound back to the queue: a second worker answers it, once', async () => {
    const first = await startFaultWorker('worker-c', env({ FAULT_SLOW_MS: '8000', WORKER_DRAIN_MS: '300' }), START_MS);
    const slow = newCorrelationId();
    await submitter.submit('fast', slowJob(slow));
    await waitStarted(first, slow, ANSWER_MS);
    const second = await startFaultWorker('worker-d', env({ FAULT_SLOW_MS: '500' }), START_MS);

    process.kill(first.pid, 'SIGTERM');
    await waitStarted(second, slow, TAKEOVER_MS);
    expect(await first.waitForExit(EXIT_MS)).toBe(0);
    await answered(slow, [first, second]);
    await sleep(QUIET_MS);

    expect(finals(slow)).toHaveLength(1);
    // The second worker started over and says so above its answer.
    expect(finals(slow)[0]!.reply.text).toBe(`_${t('en', 'queue.restarted')}_\n\n${slowAnswer(second.pid)}`);
    expect(logged(first, 'stopping: jobs still running at the bound were handed back to the queue for another worker')).toBe(true);
    expect(first.stderr()).toContain('"handedBack":1');
  }, TEST_MS);
});
