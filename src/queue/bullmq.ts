import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '../core/command.js';
import { InvalidJobError, isUserError } from '../core/errors.js';
import type { TutorJob } from '../core/jobs.js';
import type { JobProcessor, JobSubmitter, Logger } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import { withTimeout } from './in-process.js';
import {
  DEFAULT_CONCURRENCY,
  JOB_ATTEMPTS,
  JOB_BACKOFF_BASE_MS,
  JOB_TIMEOUT_MS,
  KEEP_COMPLETED,
  KEEP_FAILED,
} from './settings.js';
import { workerConnection } from './redis-connection.js';

export interface BullOptions {
  /** BullMQ key prefix: several deployments (or test runs) can share one Redis without seeing each other. */
  prefix: string;
  timeoutMs?: Partial<Record<QueueName, number>>;
}

type TutorQueue = Queue<TutorJob, Reply, string>;

/** The producer side: adds jobs to the fast or model queue and waits for their replies through QueueEvents. */
export class BullJobSubmitter implements JobSubmitter {
  private readonly queues: Record<QueueName, TutorQueue>;
  private readonly events: Record<QueueName, QueueEvents>;
  private readonly eventConnections: Redis[] = [];

  constructor(
    producer: Redis,
    redisUrl: string,
    private readonly options: BullOptions,
  ) {
    const make = (name: QueueName) => new Queue<TutorJob, Reply, string>(name, { connection: producer, prefix: options.prefix });
    const listen = (name: QueueName) => {
      const connection = workerConnection(redisUrl);
      this.eventConnections.push(connection);
      return new QueueEvents(name, { connection, prefix: options.prefix });
    };
    this.queues = { fast: make('fast'), model: make('model') };
    this.events = { fast: listen('fast'), model: listen('model') };
  }

  /** Waits until the event streams listen, so no completion is missed. */
  async ready(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => Promise.all([this.queues[name].waitUntilReady(), this.events[name].waitUntilReady()])));
  }

  async submit(queue: QueueName, job: TutorJob): Promise<Reply> {
    const timeoutMs = this.options.timeoutMs?.[queue] ?? JOB_TIMEOUT_MS[queue];
    const added = await this.queues[queue].add(job.command, job, {
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_BACKOFF_BASE_MS },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    try {
      return await withTimeout(added.waitUntilFinished(this.events[queue], timeoutMs + 1_000), timeoutMs);
    } catch (error) {
      // The user has been told it failed: a job no worker has started must not run later behind their back.
      if (isUserError(error) && error.code === 'timeout') await withdrawIfWaiting(added);
      throw error;
    }
  }

  /** Jobs waiting in a queue (not yet started), for back-pressure notices. */
  async depth(queue: QueueName): Promise<number> {
    return this.queues[queue].getWaitingCount();
  }

  async close(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => Promise.all([this.queues[name].close(), this.events[name].close()])));
    await Promise.all(this.eventConnections.map((connection) => connection.quit().catch(() => undefined)));
  }
}

async function withdrawIfWaiting(job: Job<TutorJob, Reply, string>): Promise<void> {
  const state = await job.getState().catch(() => 'unknown');
  if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await job.remove().catch(() => undefined);
}

export interface WorkerOptions {
  prefix: string;
  concurrency?: Partial<Record<QueueName, number>>;
  queues?: readonly QueueName[];
  logger: Logger;
}

/**
 * The consumer side: one BullMQ worker per queue, running jobs with the core's processor. A malformed job fails at
 * once (UnrecoverableError); other errors are retried with backoff.
 */
export class BullWorkers {
  private readonly workers: Worker<TutorJob, Reply, string>[];
  private readonly connections: Redis[] = [];

  constructor(redisUrl: string, processor: JobProcessor, options: WorkerOptions) {
    const run = async (job: Job<TutorJob, Reply, string>) => {
      try {
        return await processor(job.data);
      } catch (error) {
        if (error instanceof InvalidJobError || isUserError(error)) throw new UnrecoverableError(error.message);
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
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
  }
}
