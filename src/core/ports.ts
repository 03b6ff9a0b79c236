import type { QueueName } from './command.js';
import type { TutorJob } from './jobs.js';
import type { Reply } from './reply.js';

/**
 * Where jobs go: BullMQ on Redis, or the in-process twin when REDIS_URL is not set.
 * The caller cannot tell which: both resolve with the job's Reply.
 */
export interface JobSubmitter {
  submit(queue: QueueName, job: TutorJob): Promise<Reply>;
}

/** Runs one job to its reply: what a worker does with each job it takes. */
export type JobProcessor = (job: TutorJob) => Promise<Reply>;

/** Small per-user and per-button state: Redis in production, a Map offline. Values are strings (JSON). */
export interface KeyValueStore {
  /** `memory` (gone when the process stops) or `redis` (shared by every process); /help tells users which. */
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The few log calls the core makes; pino's logger fits. */
export interface Logger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}
