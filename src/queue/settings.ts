import type { KeepJobs } from 'bullmq';
import type { QueueName } from '../core/command.js';

/** Retry policy for transient faults, the same in BullMQ and in the in-process twin. */
export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF_BASE_MS = 300;

/** How long a user waits for a reply before hearing "that took too long", per queue. */
export const JOB_TIMEOUT_MS: Record<QueueName, number> = { fast: 20_000, model: 120_000 };

/** Concurrent jobs per worker process, per queue: lessons are cheap, the model wants the CPU to itself. */
export const DEFAULT_CONCURRENCY: Record<QueueName, number> = { fast: 8, model: 1 };

/**
 * A job carries a person's words (typed text, display name): it is removed as soon as it completed. A quiz timer
 * (content-free: a quiz id and a step) is kept a while, so the same fixed job id set again by a re-run step is not run
 * twice. A failed job is kept for inspection with its error, its data stripped to the command (see `redactedJob`).
 */
export const KEEP_TIMER_COMPLETED_AGE_S = 60 * 60;
export const KEEP_FAILED_AGE_S = 7 * 24 * 60 * 60;
/** BullMQ's retention options: at most `count` jobs, none older than `age` (BullMQ counts it in seconds). */
export const KEEP_TIMER_COMPLETED = { count: 1_000, age: KEEP_TIMER_COMPLETED_AGE_S } satisfies KeepJobs;
export const KEEP_FAILED = { count: 5_000, age: KEEP_FAILED_AGE_S } satisfies KeepJobs;

/**
 * Each queue's events stream (`<queue>:events`) gets a few entries per job. Nothing in the tutor reads it (no
 * QueueEvents: replies come through the outboxes), so it is cut to the last moments an operator's XREVRANGE shows,
 * not BullMQ's default of 10,000 entries (~1 MB a queue). BullMQ keeps the length in the queue's meta hash, written
 * by every `new Queue` (a Queue without this option writes 10,000 back): pass `QUEUE_STREAMS` to each. The trim is
 * approximate (`MAXLEN ~`): Redis drops whole stream nodes (100 entries each), so a stream holds up to ~100 more.
 */
export const EVENTS_STREAM_MAX_LEN = 1_000;
export const QUEUE_STREAMS = { events: { maxLen: EVENTS_STREAM_MAX_LEN } };

/**
 * Deliveries: retried while a platform refuses, removed once sent (and a failed one once it has failed for good: it
 * is logged). "Answered once" is a content-free key per final delivery (BullMQ deduplication, `<outbox>:de:<id>`) that outlives any
 * worker takeover (~15 s) by far: a re-run job's second final reply is dropped at any rate of commands.
 * It is the one key kept per command, ~230 bytes (bench:scale): Redis holds commands/s × this TTL of them (10
 * commands/s: 36,000, ~8 MB; at 6 hours it was 216,000, ~50 MB). An hour still outlives by far what reads it: a re-run after a takeover
 * (~15 s, plus its wait in line), the edge's re-submission check (up to the reply deadline + RESUBMIT_GRACE_MS, ~2 min)
 * and a late answer after "took too long" (a job no worker started is withdrawn at the deadline).
 */
export const OUTBOX_ATTEMPTS = 8;
export const OUTBOX_MAX_STALLS = 5;
export const DELIVERED_MARK_TTL_MS = 60 * 60 * 1000;

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
