import { Queue, Worker } from 'bullmq';
import type { RedisClient } from './redis-connection.js';
import { finalDeliveryId, type Delivery } from '../core/delivery.js';
import type { ComponentHealth, Logger, OutboxSender } from '../core/ports.js';
import type { DeliveryHandler } from './in-process.js';
import { dropBlobs, parkBlobs, restoreBlobs, type StoredDelivery } from './outbox-blobs.js';
import { queuePrefix } from './keys.js';
import { workerConnection, type RedisTarget } from './redis-connection.js';
import { workerHealth } from './worker-health.js';
import { DEFAULT_STALLED, DELIVERED_MARK_TTL_MS, OUTBOX_ATTEMPTS, OUTBOX_MAX_STALLS, QUEUE_STREAMS, type StalledSettings } from './settings.js';

/**
 * Workers' side of the outbox: one BullMQ queue per adapter outbox. A final delivery is added once: BullMQ's
 * deduplication key per delivery id (kept DELIVERED_MARK_TTL_MS) drops the final reply of a job that ran twice (a
 * worker killed mid-job), however many deliveries came in between; the deliveries themselves (reply texts) are
 * removed from Redis once sent.
 */
export class BullOutboxSender implements OutboxSender {
  private readonly queues = new Map<string, Queue<StoredDelivery>>();

  constructor(
    private readonly connection: RedisClient,
    private readonly prefix: string,
    private readonly markTtlMs = DELIVERED_MARK_TTL_MS,
  ) {}

  async send(delivery: Delivery): Promise<void> {
    const stored = await parkBlobs(this.connection, this.prefix, delivery);
    await this.queue(delivery.address.outbox).add(delivery.final ? 'final' : 'update', stored, {
      jobId: delivery.id,
      attempts: delivery.final ? OUTBOX_ATTEMPTS : 1,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      // A delivery that failed for good is logged by its consumer; its text need not stay.
      removeOnFail: true,
      // "Answered once", in the same atomic step as the add: BullMQ keeps a content-free key per final delivery id
      // for the TTL (throttle mode), so a re-run job's second final is not added, however long after the first.
      ...(delivery.final ? { deduplication: { id: delivery.id, ttl: this.markTtlMs } } : {}),
      ...(delivery.delayMs ? { delay: delivery.delayMs } : {}),
    });
  }

  /** Whether a command's final reply was already written to `outbox` (its deduplication key is still kept). */
  async finalWritten(outbox: string, correlationId: string): Promise<boolean> {
    return (await this.queue(outbox).getDeduplicationJobId(finalDeliveryId(correlationId))) !== null;
  }

  private queue(name: string): Queue<StoredDelivery> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<StoredDelivery>(name, { connection: this.connection, prefix: queuePrefix(this.connection, this.prefix, name), streams: QUEUE_STREAMS });
      // As for the job queues (bullmq.ts): without a listener BullMQ prints connection errors with console.error,
      // outside the logger. A send that fails is thrown to the job, which retries and logs it.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** Far more than a failover re-delivers (the last moments' deliveries); ~50 bytes an id. */
const MAX_REMEMBERED_DELIVERIES = 50_000;

export interface OutboxConsumerOptions {
  prefix: string;
  concurrency?: number;
  stalled?: StalledSettings;
  logger: Logger;
}

/**
 * The adapter's side: reads its outbox and hands each delivery to the renderer. A delivery that fails to send
 * (a platform hiccup, a 429) is retried with backoff; one waiting while the adapter was down is delivered when it
 * comes back.
 */
export class BullOutboxConsumer {
  private readonly worker: Worker<StoredDelivery>;
  private readonly connection: RedisClient;
  /**
   * Deliveries (ids are unique per delivery) this consumer handed to the adapter. After a failover the new master may
   * not know that a delivery was completed (its completion was not replicated yet): it runs again, and without this
   * memory its user would get the same answer, or the same streamed edit, twice. Bounded; the outbox's deduplication
   * key stops a re-run job's second final before it gets here.
   */
  private readonly handled = new Set<string>();
  /** Deliveries dropped as already handled (tests and bench:failover read it). */
  droppedRepeats = 0;

  constructor(redisTarget: RedisTarget, outbox: string, handler: DeliveryHandler, options: OutboxConsumerOptions) {
    this.connection = workerConnection(redisTarget);
    const prefix = options.prefix;
    this.worker = new Worker<StoredDelivery>(outbox, async (job) => {
      if (this.handled.has(job.data.id)) {
        this.droppedRepeats += 1;
        return;
      }
      await handler(await restoreBlobs(this.connection, prefix, job.data));
      this.remember(job.data.id);
      // Handled: a final is done with its bytes (an update's bytes, if any, expire; the final may still need them).
      if (job.data.final) await dropBlobs(this.connection, prefix, job.data).catch(() => undefined);
    }, {
      connection: this.connection,
      prefix: queuePrefix(this.connection, options.prefix, outbox),
      concurrency: options.concurrency ?? 8,
      // A reply whose adapter died mid-send is taken over; BullMQ's default (1 stall) would drop it after two crashes.
      maxStalledCount: OUTBOX_MAX_STALLS,
      ...(options.stalled ?? DEFAULT_STALLED),
    });
    this.worker.on('error', (error) => options.logger.error({ err: error, outbox }, 'outbox consumer error'));
    this.worker.on('failed', (job, error) => options.logger.warn({ err: error, outbox, delivery: job?.id }, 'delivery failed'));
  }

  private remember(id: string): void {
    this.handled.add(id);
    if (this.handled.size > MAX_REMEMBERED_DELIVERIES) this.handled.delete(this.handled.values().next().value!);
  }

  /** For /healthz: reading its outbox (running), or closing. */
  health(): ComponentHealth {
    return workerHealth(this.worker);
  }

  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.connection.quit().catch(() => undefined);
  }
}
