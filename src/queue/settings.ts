import type { QueueName } from '../core/command.js';

/** Retry policy for transient faults, the same in BullMQ and in the in-process twin. */
export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF_BASE_MS = 300;

/** How long a user waits for a reply before hearing "that took too long", per queue. */
export const JOB_TIMEOUT_MS: Record<QueueName, number> = { fast: 20_000, model: 120_000 };

/** Concurrent jobs per worker process, per queue: lessons are cheap, the model wants the CPU to itself. */
export const DEFAULT_CONCURRENCY: Record<QueueName, number> = { fast: 8, model: 1 };

/** Finished jobs kept for inspection, bounded by count and age so Redis does not fill up. */
export const KEEP_COMPLETED = { count: 1_000, age: 60 * 60 } as const;
export const KEEP_FAILED = { count: 5_000, age: 7 * 24 * 60 * 60 } as const;

/**
 * Deliveries: retried while a platform refuses; kept an hour after sending, which is how long a re-run job's second
 * final reply is recognised as a duplicate (a takeover happens within seconds), bounded in count for Redis memory.
 */
export const OUTBOX_ATTEMPTS = 8;
export const OUTBOX_MAX_STALLS = 5;
export const OUTBOX_KEEP_COMPLETED = { count: 10_000, age: 60 * 60 } as const;
export const OUTBOX_KEEP_FAILED = { count: 10_000, age: 7 * 24 * 60 * 60 } as const;

/**
 * A job whose worker died is taken over once its lock expires and a stall check sees it: with these defaults within
 * ~15 s rather than BullMQ's ~60 s (config: WORKER_LOCK_MS, WORKER_STALLED_CHECK_MS; the fault tests use ~1 s).
 */
export interface StalledSettings {
  lockDuration: number;
  stalledInterval: number;
}
export const DEFAULT_STALLED: StalledSettings = { lockDuration: 10_000, stalledInterval: 5_000 };

export function backoffDelayMs(attempt: number): number {
  return JOB_BACKOFF_BASE_MS * 2 ** (attempt - 1);
}
