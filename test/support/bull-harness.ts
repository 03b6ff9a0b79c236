/**
 * The BullMQ wiring of src/main (runtime.ts + worker.ts) assembled in one test process on the test Redis, under a
 * prefix of its own: an edge (Tutor + BullJobSubmitter + RedisStore) and workers (BullWorkers + the real processor).
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { COMMANDS } from '../../commands/index.js';
import { ButtonActions } from '../../src/core/buttons.js';
import type { QueueName } from '../../src/core/command.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Locale } from '../../src/core/locale.js';
import type { ModelKit } from '../../src/core/model-port.js';
import type { JobProcessor, JobSubmitter, Logger } from '../../src/core/ports.js';
import { createJobProcessor } from '../../src/core/processor.js';
import type { Reply } from '../../src/core/reply.js';
import { ReplyWaiter } from '../../src/core/reply-waiter.js';
import { Uploads } from '../../src/core/uploads.js';
import { newCorrelationId, Tutor, type Asker } from '../../src/core/tutor.js';
import { UserPrefs } from '../../src/core/user-prefs.js';
import { ChatPrefs } from '../../src/core/chat-prefs.js';
import { createServices } from '../../src/main/create-services.js';
import { BullJobSubmitter, BullWorkers } from '../../src/queue/bullmq.js';
import { BullOutboxConsumer } from '../../src/queue/outbox.js';
import { producerConnection, ready, type RedisTarget } from '../../src/queue/redis-connection.js';
import { JOB_TIMEOUT_MS } from '../../src/queue/settings.js';
import { queuePrefix } from '../../src/queue/keys.js';
import { RedisRateLimiter } from '../../src/state/rate-limit.js';
import { RedisStore } from '../../src/state/redis.js';
import { deleteByPrefix, uniquePrefix } from './redis.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  object: object;
  message: string | undefined;
}

/** A Logger that keeps what it is told, so tests stay quiet and can look at it. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  info(object: object, message?: string): void {
    this.entries.push({ level: 'info', object, message });
  }
  warn(object: object, message?: string): void {
    this.entries.push({ level: 'warn', object, message });
  }
  error(object: object, message?: string): void {
    this.entries.push({ level: 'error', object, message });
  }
}

export interface HarnessOptions {
  /** Wraps the real processor (count attempts, fail once, block a job…). */
  wrap?: (real: JobProcessor) => JobProcessor;
  /** Queues that get a worker; [] starts none. Default: both. */
  workerQueues?: readonly QueueName[];
  concurrency?: Partial<Record<QueueName, number>>;
  timeoutMs?: Partial<Record<QueueName, number>>;
  /** Wraps what the edge submits through (e.g. to corrupt a job on its way to the queue). */
  wrapSubmitter?: (real: JobSubmitter) => JobSubmitter;
  defaultLocale?: Locale;
  /** The workers' model (default: none, so /generate and /attention answer "not available"). */
  model?: () => Promise<ModelKit>;
  /** How long the workers' outbox keeps each final's "answered once" mark (default DELIVERED_MARK_TTL_MS). */
  deliveredMarkTtlMs?: number;
}

export interface Harness {
  prefix: string;
  redis: RedisClient;
  tutor: Tutor;
  submitter: BullJobSubmitter;
  /** Every delivery this harness's outbox received, in order. */
  deliveries: Delivery[];
  /** Submits a job straight to a queue (addressed to this harness's outbox) and waits for its final reply. */
  ask(queue: QueueName, job: Omit<TutorJob, 'address'>): Promise<Reply>;
  workers: BullWorkers | undefined;
  logger: RecordingLogger;
  /** A Queue handle on the same prefix (on the edge's connection), for inspecting jobs through BullMQ's API. */
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

export const asker = (id = 'u1', locale?: string): Asker => ({
  user: { id, displayName: 'Test', locale },
  chat: { id: `chat-${id}`, kind: 'private' },
  platform: 'terminal',
});

export async function startHarness(url: RedisTarget, options: HarnessOptions = {}): Promise<Harness> {
  const prefix = uniquePrefix();
  const logger = new RecordingLogger();
  const defaultLocale = options.defaultLocale ?? 'en';
  const redis = producerConnection(url);
  redis.on('error', () => undefined);
  await ready(redis);
  const store = new RedisStore(redis, prefix);
  const real = createJobProcessor(createServices(store, defaultLocale, options.model));
  const processor = options.wrap ? options.wrap(real) : real;

  const workerQueues = options.workerQueues ?? ['fast', 'model'];
  const workers =
    workerQueues.length > 0
      ? new BullWorkers(url, processor, {
          prefix,
          queues: workerQueues,
          logger,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.deliveredMarkTtlMs ? { deliveredMarkTtlMs: options.deliveredMarkTtlMs } : {}),
        })
      : undefined;
  await workers?.ready();

  const submitter = new BullJobSubmitter(redis, prefix, { resubmit: { timeoutMs: { ...JOB_TIMEOUT_MS, ...options.timeoutMs } } });
  await submitter.ready();
  const outbox = 'outbox-harness';
  const waiter = new ReplyWaiter();
  const deliveries: Delivery[] = [];
  const consumer = new BullOutboxConsumer(url, outbox, async (delivery) => {
    deliveries.push(delivery);
    if (delivery.final) submitter.settle(delivery.address.correlationId);
    waiter.accept(delivery);
  }, { prefix, logger });
  await consumer.ready();
  const tutor = new Tutor({
    commands: COMMANDS,
    prefs: new UserPrefs(store),
    chatPrefs: new ChatPrefs(store),
    buttons: new ButtonActions(store),
    uploads: new Uploads(store),
    limiter: new RedisRateLimiter(redis, prefix),
    waiter,
    outbox,
    timeoutMs: { ...JOB_TIMEOUT_MS, ...options.timeoutMs },
    defaultLocale,
    logger,
    submitter: options.wrapSubmitter ? options.wrapSubmitter(submitter) : submitter,
  });
  const ask = async (queue: QueueName, job: Omit<TutorJob, 'address'>): Promise<Reply> => {
    const correlationId = newCorrelationId();
    const waiting = waiter.expect(correlationId);
    const address = { platform: job.context.platform, chatId: job.context.chat.id, userId: job.context.user.id, correlationId, outbox };
    await submitter.submit(queue, { ...job, address });
    return waiting.within(20_000);
  };

  const inspectors = new Map<QueueName, Queue>();
  let closed = false;
  return {
    prefix,
    redis,
    tutor,
    submitter,
    deliveries,
    ask,
    workers,
    logger,
    queue(name) {
      let queue = inspectors.get(name);
      if (!queue) {
        queue = new Queue(name, { connection: redis, prefix: queuePrefix(redis, prefix, name) });
        inspectors.set(name, queue);
      }
      return queue;
    },
    async close() {
      if (closed) return;
      closed = true;
      await workers?.close();
      await consumer.close();
      await submitter.close();
      await Promise.all([...inspectors.values()].map((queue) => queue.close()));
      // A topology of the test's own (Sentinel, Cluster) is thrown away whole.
      if (typeof url === 'string') await deleteByPrefix(url, prefix);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Harnesses started by one test file, closed after each test: `const pool = harnessPool(); afterEach(pool.closeAll)`. */
export function harnessPool(url: () => string) {
  const open: Harness[] = [];
  return {
    async start(options?: HarnessOptions): Promise<Harness> {
      const harness = await startHarness(url(), options);
      open.push(harness);
      return harness;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((harness) => harness.close()));
    },
  };
}
