/**
 * Fault: worker processes die or freeze in the middle of a job. Four fault workers (test/support/fault-worker.ts:
 * `npm run worker` with a slow job that announces itself) share one prefix, with the stalled-job settings shortened
 * through WORKER_LOCK_MS / WORKER_STALLED_CHECK_MS as an operator would, so a takeover takes seconds.
 *
 * - killed (-9) mid-job: another worker re-runs the job once the lock expires; the user is answered exactly once, and
 *   ordinary jobs running alongside are each answered exactly once;
 * - frozen (SIGSTOP) past its lock, then resumed: both runs finish and both put the final reply in the outbox, which
 *   keeps one — its delivery id `final-<correlationId>` is the outbox job id;
 * - a job that kills every worker that runs it: after the second death BullMQ fails it without running it again,
 *   and the user still hears once that it failed (not silence).
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { t } from '../../src/core/i18n.js';
import { newCorrelationId } from '../../src/core/tutor.js';
import { BullJobSubmitter } from '../../src/queue/bullmq.js';
import { BullOutboxConsumer } from '../../src/queue/outbox.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { cleanEnv } from '../support/child.js';
import { killAllChildren, sleep, startFaultWorker, waitUntil, type FaultChild } from '../support/fault-process.js';
import { finishedLine, parseStarted, SLOW_TOPIC, slowAnswer } from '../support/fault-protocol.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const OUTBOX = 'outbox-fault-kill';
const WORKERS = 4;
const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer'];
/** Bounds: generous, for a loaded 2-core machine. A takeover needs the lock to expire plus one or two stall checks. */
const TAKEOVER_MS = 45_000;
const ANSWER_MS = 30_000;
/** After the last reply, how long we keep listening for a duplicate that must not come. */
const QUIET_MS = 1_000;
/** vitest's own limit per test, above the sum of the bounds inside, so those fail first and say what was missing. */
const TEST_MS = 150_000;

/** A job's second run tells its student it started over (to-outbox.ts). */
const restartedAnswer = (pid: number) => `_${t('en', 'queue.restarted')}_\n\n${slowAnswer(pid)}`;

describe.skipIf(!redisUrl)('fault: workers killed or frozen in the middle of a job', () => {
  const prefix = uniquePrefix();
  const logger = new RecordingLogger();
  const deliveries: Delivery[] = [];
  const workers: FaultChild[] = [];
  let redis: RedisClient;
  let submitter: BullJobSubmitter;
  let consumer: BullOutboxConsumer;
  let jobs: Queue;
  let outbox: Queue;

  beforeAll(async () => {
    redis = producerConnection(requireRedisUrl());
    redis.on('error', () => undefined);
    await ready(redis);
    submitter = new BullJobSubmitter(redis, prefix);
    await submitter.ready();
    consumer = new BullOutboxConsumer(requireRedisUrl(), OUTBOX, async (delivery) => void deliveries.push(delivery), { prefix, logger });
    await consumer.ready();
    jobs = new Queue('fast', { connection: redis, prefix });
    outbox = new Queue(OUTBOX, { connection: redis, prefix });
    const env = cleanEnv({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix, WORKER_LOCK_MS: '1000', WORKER_STALLED_CHECK_MS: '500', FAULT_SLOW_MS: '3000' });
    workers.push(...(await Promise.all(Array.from({ length: WORKERS }, (_, i) => startFaultWorker(`worker-${i + 1}`, env, 60_000)))));
  }, 90_000);

  afterAll(async () => {
    await killAllChildren();
    await consumer?.close();
    await jobs?.close();
    await outbox?.close();
    await submitter?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
    await redis?.quit().catch(() => redis.disconnect());
  });

  const job = (correlationId: string, command: string, args: Record<string, string>): TutorJob => ({
    command,
    args,
    context: { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale: 'en' },
    address: { platform: 'terminal', chatId: 'c1', userId: 'u1', correlationId, outbox: OUTBOX },
  });
  const finals = (correlationId: string) => deliveries.filter((delivery) => delivery.final && delivery.address.correlationId === correlationId);
  const startedBy = (worker: FaultChild, correlationId: string) => worker.lines().some((line) => parseStarted(line)?.correlationId === correlationId);
  const describeWorkers = () => workers.map((worker) => `${worker.name} (pid ${worker.pid}${worker.running ? '' : ', dead'}): ${worker.lines().join(' | ')}`).join('\n');
  const outstanding = async () => {
    const [work, replies] = await Promise.all([jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), outbox.getJobCounts('waiting', 'active', 'delayed')]);
    return { fast: work, outbox: replies };
  };

  /** The first live worker, other than `not`, that prints `started <correlationId>`. */
  const runnerOf = async (correlationId: string, not: readonly FaultChild[] = []): Promise<FaultChild> => {
    const candidates = () => workers.filter((worker) => worker.running && !not.includes(worker) && startedBy(worker, correlationId));
    await waitUntil(`a worker${not.length > 0 ? ` other than ${not.map((worker) => worker.name).join(', ')}` : ''} to start job ${correlationId}`, () => candidates().length > 0, {
      timeoutMs: TAKEOVER_MS,
      explain: async () => `${describeWorkers()}\noutstanding: ${JSON.stringify(await outstanding())}`,
    });
    return candidates()[0]!;
  };
  const answered = (correlationId: string) =>
    waitUntil(`the final reply to ${correlationId}`, () => finals(correlationId).length > 0, {
      timeoutMs: ANSWER_MS,
      explain: async () => `${describeWorkers()}\ndeliveries: ${deliveries.length}; outstanding: ${JSON.stringify(await outstanding())}`,
    });
  /** Nothing waits, runs or is being delivered any more; then a quiet moment in which a duplicate would show. */
  const drained = async () => {
    await waitUntil('the job queue and the outbox to drain', async () => {
      const counts = await outstanding();
      return [...Object.values(counts.fast), ...Object.values(counts.outbox)].every((count) => count === 0);
    }, { timeoutMs: ANSWER_MS, intervalMs: 100, explain: async () => JSON.stringify(await outstanding()) });
    await sleep(QUIET_MS);
  };

  it('kill -9 mid-job: another worker re-runs it and the user is answered exactly once; jobs alongside once each', async () => {
    const slow = newCorrelationId();
    await submitter.submit('fast', job(slow, 'explain', { topic: SLOW_TOPIC }));
    const normal: { correlationId: string; command: string; topic?: string }[] = [];
    const submitNormal = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const correlationId = newCorrelationId();
        const topic = normal.length % 4 === 3 ? undefined : TOPICS[normal.length % TOPICS.length]!;
        normal.push({ correlationId, command: topic ? 'explain' : 'help', ...(topic ? { topic } : {}) });
        await submitter.submit('fast', job(correlationId, topic ? 'explain' : 'help', topic ? { topic } : {}));
      }
    };
    // Ordinary jobs before, during and after the kill: some may be in the hands of the worker about to die.
    await submitNormal(10);
    const victim = await runnerOf(slow);
    await submitNormal(5);
    await victim.kill9();
    await submitNormal(10);

    const rescuer = await runnerOf(slow, [victim]);
    await answered(slow);
    await waitUntil('every ordinary job to be answered', () => normal.every((entry) => finals(entry.correlationId).length > 0), {
      timeoutMs: ANSWER_MS,
      explain: async () => `answered ${normal.filter((entry) => finals(entry.correlationId).length > 0).length}/${normal.length}; outstanding: ${JSON.stringify(await outstanding())}`,
    });
    await drained();

    expect(finals(slow)).toHaveLength(1);
    // The rescuer started over, and says so above its answer.
    expect(finals(slow)[0]!.reply).toMatchObject({ command: 'explain', text: restartedAnswer(rescuer.pid) });
    expect(finals(slow)[0]!.reply.error).toBeUndefined();
    for (const entry of normal) {
      const answers = finals(entry.correlationId);
      expect(answers, `final replies to ${entry.command} ${entry.topic ?? ''}`).toHaveLength(1);
      expect(answers[0]!.reply).toMatchObject({ command: entry.command, locale: 'en' });
      expect(answers[0]!.reply.error).toBeUndefined();
      if (entry.topic) expect(answers[0]!.reply.topic).toBe(entry.topic);
    }
    // The answer names the rescuer's pid: a second worker ran it. Done, the job is gone (it held the typed text).
    expect((await jobs.getJobs(['completed'])).find((candidate) => candidate.data.address.correlationId === slow)).toBeUndefined();
  }, TEST_MS);

  it('frozen past its lock, then resumed: both runs finish, the outbox keeps one final reply', async () => {
    const slow = newCorrelationId();
    await submitter.submit('fast', job(slow, 'explain', { topic: SLOW_TOPIC }));
    const frozen = await runnerOf(slow);
    process.kill(frozen.pid, 'SIGSTOP');
    try {
      const rescuer = await runnerOf(slow, [frozen]);
      await answered(slow);
      expect(finals(slow)[0]!.reply.text).toBe(restartedAnswer(rescuer.pid));
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
    }
    // The frozen run goes on where it stopped, finishes and puts its own final reply in the outbox (processToOutbox);
    // only then does BullMQ try to mark the job done, which fails: the lock is gone (and, once the rescuer completed
    // it, the job too: finished jobs are removed).
    await frozen.waitForLine('that its run is over', (line) => line === finishedLine(slow, frozen.pid), ANSWER_MS);
    await waitUntil('the frozen run to try to complete the job (after its outbox send)', () => /Missing (lock|key) for job \S+\. moveToFinished/.test(frozen.stderr()), {
      timeoutMs: ANSWER_MS,
      explain: () => frozen.stderr(),
    });
    await drained();

    expect(finals(slow)).toHaveLength(1);
    expect(frozen.running).toBe(true);
  }, TEST_MS);

  it('a job that kills every worker running it: failed after the second death, and the user hears so once', async () => {
    const poison = newCorrelationId();
    await submitter.submit('fast', job(poison, 'explain', { topic: SLOW_TOPIC }));
    const first = await runnerOf(poison);
    await first.kill9();
    const second = await runnerOf(poison, [first]);
    await second.kill9();

    await answered(poison);
    await drained();

    expect(finals(poison)).toHaveLength(1);
    expect(finals(poison)[0]!.reply).toMatchObject({ command: 'explain', locale: 'en', error: { code: 'internal' } });
    // Not run a third time: BullMQ fails a job that stalled more than maxStalledCount (1) times.
    expect(workers.filter((worker) => startedBy(worker, poison))).toHaveLength(2);
    // Kept for inspection with its error, its data stripped of what the person typed and who they are.
    const failed = async () => (await jobs.getJobs(['failed'])).filter((candidate) => /stalled/.test(candidate.failedReason));
    await expect.poll(async () => (await failed()).some((candidate) => candidate.data.context.user.id === 'redacted'), { timeout: ANSWER_MS }).toBe(true);
    expect(JSON.stringify((await failed()).map((candidate) => candidate.data))).not.toContain(poison);
    expect(workers.filter((worker) => worker.running)).toHaveLength(WORKERS - 3);
  }, TEST_MS);
});
