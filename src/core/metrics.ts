/**
 * What the tutor counts for an operator (`/metrics`), as a port: the core and the queue layer call these methods,
 * src/ops implements them with prom-client. A process without OPS_PORT counts nothing (NO_METRICS).
 */
import type { ErrorCode } from './errors.js';
import type { Platform } from './invocation.js';

/** How one run of a job on a worker ended. */
export type JobOutcome =
  /** Its reply went to the outbox. */
  | 'completed'
  /** It threw; BullMQ runs it again after a backoff. */
  | 'retried'
  /** It failed for good (bad input, or its last attempt); its user heard so. */
  | 'failed'
  /** Still running when a SIGTERM drain's bound passed: moved back to its queue for another worker. */
  | 'handed_back';

export interface JobRun {
  queue: string;
  command: string;
  outcome: JobOutcome;
  seconds: number;
}

export interface TutorMetrics {
  /** A worker finished one run of a job (the time it held the job). */
  jobFinished(run: JobRun): void;
  /** A model generated this many new tokens (counted when its generation ends). */
  modelTokens(model: string, tokens: number): void;
  /** A chat platform answered 429 Too Many Requests (the adapter waits and sends again). */
  platformRateLimited(platform: Platform): void;
  /** The edge answered a command with an error instead of queueing it (a rate limit, busy, a bad option…). */
  refused(code: ErrorCode): void;
}

export const NO_METRICS: TutorMetrics = {
  jobFinished: () => undefined,
  modelTokens: () => undefined,
  platformRateLimited: () => undefined,
  refused: () => undefined,
};
