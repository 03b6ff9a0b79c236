/**
 * The tutor's metrics for Prometheus (prom-client), one registry per process: Node's default process metrics, and
 * the families below. The core counts through the TutorMetrics port (src/core/metrics.ts); queue depths are read from
 * Redis when scraped, so they are never stale.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '../core/errors.js';
import type { Platform } from '../core/invocation.js';
import type { JobRun, TutorMetrics } from '../core/metrics.js';
import type { QueueDepth } from '../queue/depths.js';
import { withTimeout } from './timeout.js';

export const METRIC_NAMES = {
  queueJobs: 'gpt_tutor_queue_jobs',
  jobDuration: 'gpt_tutor_job_duration_seconds',
  modelTokens: 'gpt_tutor_model_tokens_total',
  rateLimited: 'gpt_tutor_platform_rate_limited_total',
  refusals: 'gpt_tutor_refusals_total',
} as const;

/** From a lesson (milliseconds) to a class-sized model answer (the model queue's 120 s deadline). */
const JOB_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** A scrape must not hang on a Redis that does not answer: the depths are left out of that scrape instead. */
export const QUEUE_DEPTHS_TIMEOUT_MS = 1_000;

export interface PromMetricsOptions {
  /** Reads the queues' depths at scrape time (a process with Redis); without it the gauge has no samples. */
  depths?: () => Promise<QueueDepth[]>;
}

export class PromMetrics implements TutorMetrics {
  readonly registry = new Registry();
  private readonly jobDuration: Histogram<'queue' | 'command' | 'outcome'>;
  private readonly tokens: Counter<'model'>;
  private readonly rateLimited: Counter<'platform'>;
  private readonly refusals: Counter<'code'>;

  constructor(options: PromMetricsOptions = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const depths = options.depths;
    new Gauge({
      name: METRIC_NAMES.queueJobs,
      help: 'Jobs in each queue (fast, model, the chat outboxes) per state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        if (!depths) return;
        const read = await withTimeout(depths(), QUEUE_DEPTHS_TIMEOUT_MS).catch(() => undefined);
        for (const depth of read ?? []) this.set({ queue: depth.queue, state: depth.state }, depth.jobs);
      },
    });
    this.jobDuration = new Histogram({
      name: METRIC_NAMES.jobDuration,
      help: 'How long a worker held each run of a job, per queue, command and outcome (completed, retried, failed, handed_back)',
      labelNames: ['queue', 'command', 'outcome'],
      buckets: JOB_DURATION_BUCKETS_SECONDS,
      registers,
    });
    this.tokens = new Counter({ name: METRIC_NAMES.modelTokens, help: 'New tokens the models generated (rate() of it is tokens/s)', labelNames: ['model'], registers });
    this.rateLimited = new Counter({ name: METRIC_NAMES.rateLimited, help: '429 Too Many Requests answers from a chat platform', labelNames: ['platform'], registers });
    this.refusals = new Counter({ name: METRIC_NAMES.refusals, help: 'Commands the edge answered with an error instead of queueing them, by error code', labelNames: ['code'], registers });
  }

  jobFinished(run: JobRun): void {
    this.jobDuration.observe({ queue: run.queue, command: run.command, outcome: run.outcome }, run.seconds);
  }

  modelTokens(model: string, tokens: number): void {
    if (tokens > 0) this.tokens.inc({ model }, tokens);
  }

  platformRateLimited(platform: Platform): void {
    this.rateLimited.inc({ platform });
  }

  refused(code: ErrorCode): void {
    this.refusals.inc({ code });
  }

  /** The text exposition format and its content type, for GET /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
