import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '../core/command.js';
import { InvalidJobError, isUserError } from '../core/errors.js';
import type { TutorJob } from '../core/jobs.js';
import { NO_METRICS, type JobOutcome, type TutorMetrics } from '../core/metrics.js';
import type { ComponentHealth, JobProcessor, JobSubmitter, Logger, OutboxSender, SubmitOptions, SubmitReceipt } from '../core/ports.js';
import { HandBack } from './hand-back.js';
import { BullOutboxSender } from './outbox.js';
import { busyWhenFull, isRedisOutOfMemory, isRedisUnreachable } from './redis-errors.js';
import { queuePrefix } from './keys.js';
import { workerConnection, type RedisClient, type RedisTarget } from './redis-connection.js';
import { PendingCommands } from './pending-commands.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_STALLED,
  JOB_ATTEMPTS,
  JOB_TIMEOUT_MS,
  JOB_BACKOFF_BASE_MS,
  KEEP_FAILED,
  KEEP_TIMER_COMPLETED,
  QUEUE_STREAMS,
  type StalledSettings,
} from './settings.js';
import { deliverFailure, processToOutbox } from './to-outbox.js';
import { workerHealth } from './worker-health.js';

type TutorQueue = Queue<TutorJob, null, string>;

const SUBMIT_RETRY_MS = 8_000;
const SUBMIT_RETRY_STEP_MS = 250;

/** Riding out a short Redis outage (a restart) beats refusing the command; a long one is the caller's error. */
async function rideOutOutage<T>(operation: () => Promise<T>, retryable: (error: unknown) => boolean = () => true): Promise<T> {
  for (let waited = 0; ; waited += SUBMIT_RETRY_STEP_MS) {
    try {
      return await operation();
    } catch (error) {
      if (waited >= SUBMIT_RETRY_MS || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, SUBMIT_RETRY_STEP_MS));
    }
  }
}

/** What a failed job keeps: the command and where it ran, nothing the user typed or is called. */
export function redactedJob(data: TutorJob): TutorJob {
  const loose = data as Partial<TutorJob>;
  return {
    command: String(loose.command ?? 'unknown').slice(0, 32),
    ...(loose.subcommand ? { subcommand: String(loose.subcommand).slice(0, 32) } : {}),
    args: {},
    context: { user: { id: 'redacted' }, chat: { id: 'redacted', kind: loose.context?.chat?.kind === 'group' ? 'group' : 'private' }, platform: loose.context?.platform ?? 'terminal', locale: loose.context?.locale ?? 'en' },
    address: { platform: loose.address?.platform ?? 'terminal', chatId: 'redacted', userId: 'redacted', correlationId: 'redacted0', outbox: 'outbox-redacted' },
  } as TutorJob;
}

// BullMQ refuses job ids that read as integers; a correlation id of hex digits only could.
const COMMAND_JOB_ID_PREFIX = 'cmd-';

/** A command's job id: its correlation id, so submitting it again (after a failover) cannot add a second job. */
export function commandJobId(correlationId: string): string {
  return `${COMMAND_JOB_ID_PREFIX}${correlationId}`;
}

/** The correlation id of a command's job id; undefined for other jobs (a quiz timer). */
function commandOfJobId(jobId: string): string | undefined {
  return jobId.startsWith(COMMAND_JOB_ID_PREFIX) ? jobId.slice(COMMAND_JOB_ID_PREFIX.length) : undefined;
}

export interface SubmitterOptions {
  /**
   * The edge's submitter: keep each command until its final reply and submit the unanswered ones again whenever the
   * connection comes back (see pending-commands.ts). Workers' timers need not: a lost timer's job is re-run.
   */
  resubmit?: { timeoutMs?: Partial<Record<QueueName, number>> };
}

/** The producer side: adds jobs to the fast or model queue. Replies come back through the adapter's outbox. */
export class BullJobSubmitter implements JobSubmitter {
  private readonly queues: Record<QueueName, TutorQueue>;
  private readonly pending: PendingCommands | undefined;
  /** Reads the outboxes' "final written" keys before a re-submission. */
  private readonly outboxes: BullOutboxSender;
  /** What the re-submissions after reconnects did (tests and bench:failover read it). */
  readonly resubmitStats = { rounds: 0, resubmitted: 0, alreadyAnswered: 0 };

  constructor(producer: RedisClient, prefix: string, options: SubmitterOptions = {}) {
    this.outboxes = new BullOutboxSender(producer, prefix);
    const make = (name: QueueName) => {
      const queue = new Queue<TutorJob, null, string>(name, { connection: producer, prefix: queuePrefix(producer, prefix, name), streams: QUEUE_STREAMS });
      // Connection errors are the connection owner's to log (runtime.ts and worker.ts listen on it). Without a
      // listener here BullMQ prints each one with console.error — raw multi-line dumps on stderr, outside the logger
      // and its redaction — all through a Redis restart (seen in test/fault/redis-restart.test.ts).
      queue.on('error', () => undefined);
      return queue;
    };
    this.queues = { fast: make('fast'), model: make('model') };
    if (options.resubmit) {
      this.pending = new PendingCommands({ ...JOB_TIMEOUT_MS, ...options.resubmit.timeoutMs });
      let connected = producer.status === 'ready';
      producer.on('ready', () => {
        if (connected) void this.resubmitPending().catch(() => undefined);
        connected = true;
      });
    }
  }

  /** Commands submitted here that have no final reply yet and are within their deadline (a bot's SIGTERM drain waits for them). */
  get unanswered(): number {
    return this.pending?.due().length ?? 0;
  }

  /** A command's final reply reached the edge: it is answered, whatever happens to Redis now. */
  settle(correlationId: string): void {
    this.pending?.settle(correlationId);
  }

  /**
   * After a reconnect: each command without a final reply is submitted again under its job id, unless its final
   * was already written (the outbox's deduplication key for it exists).
   */
  async resubmitPending(): Promise<void> {
    if (!this.pending) return;
    this.resubmitStats.rounds += 1;
    for (const command of this.pending.due()) {
      const correlationId = command.job.address.correlationId;
      if (await this.outboxes.finalWritten(command.job.address.outbox, correlationId)) {
        this.resubmitStats.alreadyAnswered += 1;
        this.pending.settle(correlationId);
        continue;
      }
      await this.queues[command.queue].add(command.job.command, command.job, { ...this.jobOptions({}), jobId: command.jobId });
      this.resubmitStats.resubmitted += 1;
    }
  }

  private jobOptions(scheduling: SubmitOptions) {
    return {
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_BACKOFF_BASE_MS },
      removeOnComplete: scheduling.timer ? KEEP_TIMER_COMPLETED : true,
      removeOnFail: KEEP_FAILED,
      ...(scheduling.delayMs ? { delay: scheduling.delayMs } : {}),
    };
  }

  async ready(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.queues[name].waitUntilReady()));
  }

  async submit(queue: QueueName, job: TutorJob, scheduling: SubmitOptions = {}): Promise<SubmitReceipt> {
    const jobId = scheduling.jobId ?? commandJobId(job.address.correlationId);
    const options = { ...this.jobOptions(scheduling), jobId };
    // Tracked before the add: a failover during the add is followed by a re-submission, never by silence.
    if (this.pending && !scheduling.timer) this.pending.track({ queue, job, jobId });
    // A full Redis will not empty within the ride-out: refused at once, as "busy".
    try {
      const added = await busyWhenFull(rideOutOutage(() => this.queues[queue].add(job.command, job, options), (error) => !isRedisOutOfMemory(error)));
      return { jobId: added.id! };
    } catch (error) {
      this.pending?.settle(job.address.correlationId);
      throw error;
    }
  }

  async depth(queue: QueueName): Promise<number> {
    // The edge reads the depth (back-pressure) before every submit: failing fast here answered every command sent
    // during a Redis restart with an internal error before the submit could ride the outage out (fault test
    // test/fault/redis-restart.test.ts). It rides out the same short outage as the add.
    return rideOutOutage(() => this.queues[queue].getWaitingCount());
  }

  async withdraw(queue: QueueName, jobId: string): Promise<void> {
    const correlationId = commandOfJobId(jobId);
    if (correlationId) this.pending?.settle(correlationId);
    const job = await this.queues[queue].getJob(jobId);
    const state = await job?.getState().catch(() => 'unknown');
    if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await job.remove().catch(() => undefined);
  }

  async unattended(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await this.queues[queue].getJob(jobId);
    const state = await job?.getState();
    if (state !== 'waiting' && state !== 'prioritized') return false;
    // BullMQ names each worker's connection after its queue; CLIENT LIST finds them (read once per late job only).
    return (await this.queues[queue].getWorkersCount()) === 0;
  }

  async close(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.queues[name].close()));
    await this.outboxes.close();
  }
}

export interface WorkerOptions {
  prefix: string;
  concurrency?: Partial<Record<QueueName, number>>;
  queues?: readonly QueueName[];
  stalled?: StalledSettings;
  /** How long a final delivery's "answered once" mark is kept (default DELIVERED_MARK_TTL_MS; the soak test shortens it). */
  deliveredMarkTtlMs?: number;
  logger: Logger;
  /** Each job run's time and outcome (for /metrics). */
  metrics?: TutorMetrics;
}

/**
 * The consumer side: one BullMQ worker per queue, running jobs with the core's processor and putting replies in the
 * adapters' outboxes. A malformed job fails at once (UnrecoverableError); other errors are retried with backoff; a job
 * that fails for good still answers its user. A worker killed mid-job is replaced by another after its lock expires.
 */
export class BullWorkers {
  private readonly workers: Worker<TutorJob, null, string>[];
  private readonly connections: RedisClient[] = [];
  private readonly outbox: BullOutboxSender;
  private readonly outboxConnection: RedisClient;
  /** Jobs' timers (a class quiz's next step) are delayed jobs on the same queues. */
  private readonly scheduler: BullJobSubmitter;
  private readonly handBack = new HandBack();
  /** The outbox as job runs see it: silent once their jobs were handed back (SIGTERM), as another worker answers. */
  private readonly answers: OutboxSender = { send: (delivery) => (this.handBack.happened ? Promise.resolve() : this.outbox.send(delivery)) };
  private running = 0;

  constructor(redisTarget: RedisTarget, processor: JobProcessor, options: WorkerOptions) {
    this.outboxConnection = workerConnection(redisTarget);
    this.outbox = new BullOutboxSender(this.outboxConnection, options.prefix, options.deliveredMarkTtlMs);
    this.scheduler = new BullJobSubmitter(this.outboxConnection, options.prefix);
    const metrics = options.metrics ?? NO_METRICS;
    const runToOutbox = async (job: Job<TutorJob, null, string>) => {
      try {
        // After a Redis restart the queue connections can be back before the processor's own (the worker's state
        // store fails fast and reconnects on its own backoff): jobs running at the stop or taken in that gap failed
        // attempts there, some all but the last of their three within the ~1 s of backoff — one more and the user
        // gets "internal error" (fault test test/fault/redis-restart.test.ts). Redis being away is not the job's
        // fault: wait for it within the attempt, as the submitter does.
        await rideOutOutage(() => processToOutbox(processor, job.data, this.answers, this.scheduler, { attempt: job.attemptsStarted }), isRedisUnreachable);
        // The reply went to the outbox; returning it too would store two more copies in Redis (job + event).
        return null;
      } catch (error) {
        const unrecoverable = error instanceof InvalidJobError || isUserError(error);
        if (unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await deliverFailure(job.data, this.answers).catch(() => undefined);
        if (unrecoverable) throw new UnrecoverableError(error.message);
        throw error;
      }
    };
    const run = async (job: Job<TutorJob, null, string>, token?: string) => {
      const startedAt = performance.now();
      const finished = (outcome: JobOutcome) => metrics.jobFinished({ queue: job.queueName, command: job.name, outcome, seconds: (performance.now() - startedAt) / 1000 });
      this.running += 1;
      try {
        const result = await this.handBack.race(job, token, runToOutbox(job));
        finished('completed');
        return result;
      } catch (error) {
        const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        finished(error instanceof WaitingError ? 'handed_back' : final ? 'failed' : 'retried');
        throw error;
      } finally {
        this.running -= 1;
      }
    };
    this.workers = (options.queues ?? QUEUE_NAMES).map((name) => {
      const connection = workerConnection(redisTarget);
      this.connections.push(connection);
      const worker = new Worker<TutorJob, null, string>(name, run, {
        connection,
        prefix: queuePrefix(connection, options.prefix, name),
        concurrency: options.concurrency?.[name] ?? DEFAULT_CONCURRENCY[name],
        ...(options.stalled ?? DEFAULT_STALLED),
      });
      worker.on('failed', (job, error) => {
        options.logger.warn({ err: error, queue: name, command: job?.name, attempts: job?.attemptsMade }, 'job failed');
        // Some jobs fail for good without `run` seeing it: one that stalled more than maxStalledCount times (it killed
        // the workers that ran it) is failed by BullMQ without running again, and its user heard nothing (fault test
        // test/fault/worker-killed.test.ts). Answer every final failure here too; when `run` already did, the
        // delivery id (final-<correlationId>) makes this add a no-op, and it never replaces a reply already sent.
        const final = error.name === 'UnrecoverableError' || (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
        if (job && final) {
          const data = job.data;
          deliverFailure(data, this.outbox)
            .catch((failure: unknown) => options.logger.error({ err: failure, queue: name, command: job.name }, 'could not deliver the failure notice'))
            // Kept for inspection with its error, without the person's words, name or ids (nothing /forget must find).
            .then(() => job.updateData(redactedJob(data)))
            .catch(() => undefined);
        }
      });
      worker.on('error', (error) => options.logger.error({ err: error, queue: name }, 'worker error'));
      return worker;
    });
  }

  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /** Jobs running in this process now. */
  get jobsInHand(): number {
    return this.running;
  }

  /** Each queue's worker, for /healthz (`worker:fast`: running, or closing, paused…). */
  health(): Record<string, ComponentHealth> {
    return Object.fromEntries(this.workers.map((worker) => [`worker:${worker.name}`, workerHealth(worker)]));
  }

  /**
   * SIGTERM: takes no new jobs and lets those in hand finish for up to `boundMs`; any still running then go back to
   * their queue for another worker (hand-back.ts). Resolves with how many went back; `close()` after it.
   */
  async drain(boundMs: number): Promise<{ handedBack: number }> {
    const closed = Promise.all(this.workers.map((worker) => worker.close()));
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'bound'>((resolve) => (timer = setTimeout(() => resolve('bound'), boundMs)));
    if ((await Promise.race([closed, bound])) === 'bound') {
      this.handBack.now();
      await closed;
    }
    clearTimeout(timer);
    return { handedBack: this.handBack.handedBack };
  }

  /** Finishes the jobs in hand, then stops (after `drain`, or alone: SIGINT in tests). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.outbox.close();
    await this.scheduler.close();
    await Promise.all([...this.connections, this.outboxConnection].map((connection) => connection.quit().catch(() => undefined)));
  }
}
