import { randomUUID } from 'node:crypto';
import { QUEUE_NAMES, type QueueName } from '../core/command.js';
import type { Delivery } from '../core/delivery.js';
import { InvalidJobError } from '../core/errors.js';
import type { TutorJob } from '../core/jobs.js';
import type { JobProcessor, JobSubmitter, Logger, OutboxSender, SubmitOptions, SubmitReceipt } from '../core/ports.js';
import { backoffDelayMs, DEFAULT_CONCURRENCY, JOB_ATTEMPTS } from './settings.js';
import { deliverFailure, processToOutbox } from './to-outbox.js';

export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

/** The offline outbox: deliveries go straight to the handler of their outbox, on a later tick like a real queue. */
// Final-delivery ids remembered to drop duplicates; a retried job re-sends within seconds, so the latest few suffice.
const REMEMBERED_DELIVERIES = 10_000;

export class InProcessOutbox implements OutboxSender {
  private readonly handlers = new Map<string, DeliveryHandler>();
  private readonly delivered = new Set<string>();

  consume(outbox: string, handler: DeliveryHandler): void {
    this.handlers.set(outbox, handler);
  }

  async send(delivery: Delivery): Promise<void> {
    // The same final reply twice (a retried job) is delivered once, as the Redis outbox does by job id.
    if (delivery.final) {
      if (this.delivered.has(delivery.id)) return;
      this.delivered.add(delivery.id);
      if (this.delivered.size > REMEMBERED_DELIVERIES) this.delivered.delete(this.delivered.values().next().value!);
    }
    const handler = this.handlers.get(delivery.address.outbox);
    if (!handler) return;
    if (delivery.delayMs) setTimeout(() => void handler(delivery).catch(() => undefined), delivery.delayMs).unref();
    else setImmediate(() => void handler(delivery).catch(() => undefined));
  }
}

export interface InProcessOptions {
  concurrency?: Partial<Record<QueueName, number>>;
  logger?: Logger;
}

interface Pending {
  id: string;
  job: TutorJob;
}

/**
 * The offline twin of the BullMQ queues: the same two lanes with their own concurrency, the same retries for
 * transient faults and no retry for malformed jobs, replies through the outbox — in one process, with no Redis.
 */
export class InProcessQueue implements JobSubmitter {
  private readonly waiting: Record<QueueName, Pending[]> = { fast: [], model: [] };
  private readonly running: Record<QueueName, number> = { fast: 0, model: 0 };
  private closed = false;
  private readonly knownIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly process: JobProcessor,
    private readonly outbox: OutboxSender,
    private readonly options: InProcessOptions = {},
  ) {}

  /** Jobs waiting or running (a bot's SIGTERM drain waits for them; timers not yet due are not counted). */
  get unfinished(): number {
    return QUEUE_NAMES.reduce((sum, queue) => sum + this.waiting[queue].length + this.running[queue], 0);
  }

  async submit(queue: QueueName, job: TutorJob, options: SubmitOptions = {}): Promise<SubmitReceipt> {
    if (this.closed) throw new Error('queue closed');
    if (options.jobId) {
      // As BullMQ does with a job id: the same id is one job.
      if (this.knownIds.has(options.jobId)) return { jobId: options.jobId };
      this.knownIds.add(options.jobId);
      if (this.knownIds.size > REMEMBERED_DELIVERIES) this.knownIds.delete(this.knownIds.values().next().value!);
    }
    if (options.delayMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.closed) void this.submit(queue, job);
      }, options.delayMs);
      this.timers.add(timer);
      return { jobId: options.jobId ?? randomUUID() };
    }
    const pending = { id: options.jobId ?? randomUUID(), job };
    this.waiting[queue].push(pending);
    this.pump(queue);
    return { jobId: pending.id };
  }

  async depth(queue: QueueName): Promise<number> {
    return this.waiting[queue].length;
  }

  async withdraw(queue: QueueName, jobId: string): Promise<void> {
    const index = this.waiting[queue].findIndex((pending) => pending.id === jobId);
    if (index !== -1) this.waiting[queue].splice(index, 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private pump(queue: QueueName): void {
    const limit = this.options.concurrency?.[queue] ?? DEFAULT_CONCURRENCY[queue];
    while (this.running[queue] < limit && this.waiting[queue].length > 0) {
      const next = this.waiting[queue].shift()!;
      this.running[queue] += 1;
      void this.run(next.job).finally(() => {
        this.running[queue] -= 1;
        this.pump(queue);
      });
    }
  }

  private async run(job: TutorJob): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await processToOutbox(this.process, job, this.outbox, this);
        return;
      } catch (error) {
        const final = error instanceof InvalidJobError || attempt >= JOB_ATTEMPTS;
        this.options.logger?.warn({ err: error, command: job.command, attempt, final }, 'job failed');
        if (final) {
          await deliverFailure(job, this.outbox).catch(() => undefined);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
      }
    }
  }
}
