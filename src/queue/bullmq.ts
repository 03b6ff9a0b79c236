import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '../core/command.js';
import { InvalidJobError, isUserError } from '../core/errors.js';
import type { TutorJob } from '../core/jobs.js';
import type { JobProcessor, JobSubmitter, Logger, SubmitReceipt } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import { BullOutboxSender } from './outbox.js';
import { workerConnection } from './redis-connection.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_STALLED,
  JOB_ATTEMPTS,
  JOB_BACKOFF_BASE_MS,
  KEEP_COMPLETED,
  KEEP_FAILED,
  type StalledSettings,
} from './settings.js';
import { deliverFailure, processToOutbox } from './to-outbox.js';

type TutorQueue = Queue<TutorJob, Reply, string>;

const SUBMIT_RETRY_MS = 8_000;
const SUBMIT_RETRY_STEP_MS = 250;

/** The producer side: adds jobs to the fast or model queue. Replies come back through the adapter's outbox. */
export class BullJobSubmitter implements JobSubmitter {
  private readonly queues: Record<QueueName, TutorQueue>;

  constructor(producer: Redis, prefix: string) {
    const make = (name: QueueName) => new Queue<TutorJob, Reply, string>(name, { connection: producer, prefix });
    this.queues = { fast: make('fast'), model: make('model') };
  }

  async ready(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.queues[name].waitUntilReady()));
  }

  async submit(queue: QueueName, job: TutorJob): Promise<SubmitReceipt> {
    const options = { attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: JOB_BACKOFF_BASE_MS }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    // Riding out a short Redis outage (a restart) beats refusing the command; a long one is the caller's error.
    for (let waited = 0; ; waited += SUBMIT_RETRY_STEP_MS) {
      try {
        const added = await this.queues[queue].add(job.command, job, options);
        return { jobId: added.id!, position: await this.depth(queue) };
      } catch (error) {
        if (waited >= SUBMIT_RETRY_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, SUBMIT_RETRY_STEP_MS));
      }
    }
  }

  async depth(queue: QueueName): Promise<number> {
    return this.queues[queue].getWaitingCount();
  }

  async withdraw(queue: QueueName, jobId: string): Promise<void> {
    const job = await this.queues[queue].getJob(jobId);
    const state = await job?.getState().catch(() => 'unknown');
    if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await job.remove().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.queues[name].close()));
  }
}

export interface WorkerOptions {
  prefix: string;
  concurrency?: Partial<Record<QueueName, number>>;
  queues?: readonly QueueName[];
  stalled?: StalledSettings;
  logger: Logger;
}

/**
 * The consumer side: one BullMQ worker per queue, running jobs with the core's processor and putting replies in the
 * adapters' outboxes. A malformed job fails at once (UnrecoverableError); other errors are retried with backoff; a job
 * that fails for good still answers its user. A worker killed mid-job is replaced by another after its lock expires.
 */
export class BullWorkers {
  private readonly workers: Worker<TutorJob, Reply, string>[];
  private readonly connections: Redis[] = [];
  private readonly outbox: BullOutboxSender;
  private readonly outboxConnection: Redis;

  constructor(redisUrl: string, processor: JobProcessor, options: WorkerOptions) {
    this.outboxConnection = workerConnection(redisUrl);
    this.outbox = new BullOutboxSender(this.outboxConnection, options.prefix);
    const run = async (job: Job<TutorJob, Reply, string>) => {
      try {
        return await processToOutbox(processor, job.data, this.outbox);
      } catch (error) {
        const unrecoverable = error instanceof InvalidJobError || isUserError(error);
        if (unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await deliverFailure(job.data, this.outbox).catch(() => undefined);
        if (unrecoverable) throw new UnrecoverableError(error.message);
        throw error;
      }
    };
    this.workers = (options.queues ?? QUEUE_NAMES).map((name) => {
      const connection = workerConnection(redisUrl);
      this.connections.push(connection);
      const worker = new Worker<TutorJob, Reply, string>(name, run, {
        connection,
        prefix: options.prefix,
        concurrency: options.concurrency?.[name] ?? DEFAULT_CONCURRENCY[name],
        ...(options.stalled ?? DEFAULT_STALLED),
      });
      worker.on('failed', (job, error) => options.logger.warn({ err: error, queue: name, command: job?.name, attempts: job?.attemptsMade }, 'job failed'));
      worker.on('error', (error) => options.logger.error({ err: error, queue: name }, 'worker error'));
      return worker;
    });
  }

  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /** Finishes the jobs in hand, then stops: what SIGTERM and SIGINT call. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.outbox.close();
    await Promise.all([...this.connections, this.outboxConnection].map((connection) => connection.quit().catch(() => undefined)));
  }
}
