import type { QueueName } from '../core/command.js';
import { InvalidJobError, UserError } from '../core/errors.js';
import type { TutorJob } from '../core/jobs.js';
import type { JobProcessor, JobSubmitter, Logger } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import { backoffDelayMs, DEFAULT_CONCURRENCY, JOB_ATTEMPTS, JOB_TIMEOUT_MS } from './settings.js';

export interface InProcessOptions {
  concurrency?: Partial<Record<QueueName, number>>;
  timeoutMs?: Partial<Record<QueueName, number>>;
  logger?: Logger;
}

interface Pending {
  job: TutorJob;
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
}

/**
 * The offline twin of the BullMQ queues: the same two lanes with their own concurrency, the same retries for
 * transient faults and no retry for malformed jobs, the same timeout — in one process, with no Redis.
 */
export class InProcessQueue implements JobSubmitter {
  private readonly waiting: Record<QueueName, Pending[]> = { fast: [], model: [] };
  private readonly running: Record<QueueName, number> = { fast: 0, model: 0 };
  private closed = false;

  constructor(
    private readonly process: JobProcessor,
    private readonly options: InProcessOptions = {},
  ) {}

  submit(queue: QueueName, job: TutorJob): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('queue closed'));
    const timeoutMs = this.options.timeoutMs?.[queue] ?? JOB_TIMEOUT_MS[queue];
    let pending: Pending | undefined;
    const result = new Promise<Reply>((resolve, reject) => {
      pending = { job, resolve, reject };
      this.waiting[queue].push(pending);
      this.pump(queue);
    });
    return withTimeout(result, timeoutMs).catch((error: unknown) => {
      // Timed out before it started: drop it, so it does not run later behind the user's back.
      const index = this.waiting[queue].indexOf(pending!);
      if (index !== -1) this.waiting[queue].splice(index, 1);
      throw error;
    });
  }

  /** Jobs waiting in a lane (not yet started). */
  depth(queue: QueueName): number {
    return this.waiting[queue].length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private pump(queue: QueueName): void {
    const limit = this.options.concurrency?.[queue] ?? DEFAULT_CONCURRENCY[queue];
    while (this.running[queue] < limit && this.waiting[queue].length > 0) {
      const next = this.waiting[queue].shift()!;
      this.running[queue] += 1;
      void this.run(next).finally(() => {
        this.running[queue] -= 1;
        this.pump(queue);
      });
    }
  }

  private async run({ job, resolve, reject }: Pending): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        resolve(await this.process(job));
        return;
      } catch (error) {
        const final = error instanceof InvalidJobError || attempt >= JOB_ATTEMPTS;
        this.options.logger?.warn({ err: error, command: job.command, attempt, final }, 'job failed');
        if (final) {
          reject(error);
          return;
        }
        await sleep(backoffDelayMs(attempt));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with a `timeout` user error when the reply does not come in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserError('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
