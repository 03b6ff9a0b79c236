import type { QueueName } from './command.js';
import type { Delivery } from './delivery.js';
import type { Platform } from './invocation.js';
import type { TutorJob } from './jobs.js';
import type { Reply } from './reply.js';

/** What the queue says when it takes a job. */
export interface SubmitReceipt {
  jobId: string;
}

/**
 * Where jobs go: BullMQ on Redis, or the in-process twin when REDIS_URL is not set. Replies do not come back
 * here: workers put them in the adapter's outbox (see OutboxSender).
 */
export interface SubmitOptions {
  /** Run it this much later (a class quiz's question timer). */
  delayMs?: number;
  /** A job with the same id is added once: a timer set again by a re-run job is not set twice. */
  jobId?: string;
  /**
   * A content-free timer (a class quiz's step): its finished job is kept a while so its fixed id keeps meaning "done";
   * every other job carries a person's words and is removed once done.
   */
  timer?: boolean;
}

export interface JobSubmitter {
  submit(queue: QueueName, job: TutorJob, options?: SubmitOptions): Promise<SubmitReceipt>;
  /** Jobs waiting (not started) in a queue, for back-pressure. */
  depth(queue: QueueName): Promise<number>;
  /** Takes back a job that has not started (the user was told it timed out); a started job runs on. */
  withdraw(queue: QueueName, jobId: string): Promise<void>;
  /**
   * True when the job still waits and no worker listens on its queue, so nobody will start it until one connects.
   * Left out where every job has a worker (the in-process queue).
   */
  unattended?(queue: QueueName, jobId: string): Promise<boolean>;
}

/** Streams an update while a job runs (partial text); best effort, coalesced by the queue layer. */
export type ReportUpdate = (update: Reply) => void;

/** What a job may do besides answering: post messages of its own and set timers (a class quiz moving on). */
export interface JobEffects {
  post(delivery: Delivery): Promise<void>;
  schedule(queue: QueueName, job: TutorJob, options: SubmitOptions): Promise<void>;
}

/** Runs one job to its reply (null: the job posted what it had to say itself): what a worker does with each job. */
export type JobProcessor = (job: TutorJob, report?: ReportUpdate, effects?: JobEffects) => Promise<Reply | null>;

/** Workers hand replies to adapters through per-adapter outboxes, so a reply outlives a restart of either side. */
export interface OutboxSender {
  send(delivery: Delivery): Promise<void>;
}

/**
 * What a chat platform can do with a reply, so code that shapes replies asks the adapter rather than which platform
 * it is. Limits are the platform's own counts (Telegram counts visible characters, Discord UTF-16 units).
 */
export interface ChatCapabilities {
  /** The longest text of one message; a longer reply goes out as several messages. Infinity: no limit. */
  maxMessageLength: number;
  /** A sent message can be edited: a streamed answer grows in one message instead of arriving in pieces. */
  edits: boolean;
  /** Buttons under a message run commands (without them the terminal numbers the choices). */
  buttons: boolean;
  /** Files both ways: a command can take one (`/quiz import`), a reply can carry one (results as CSV). */
  files: boolean;
  /**
   * How a reply for the asker's eyes only is shown when asked in a group: an ephemeral message in the group
   * (Discord), a message in the asker's private chat with the bot (Telegram), or not at all (no groups: terminal).
   */
  privateReplies: 'ephemeral' | 'direct-message' | 'none';
}

/**
 * One chat platform as an adapter process serves it: started and stopped, and handed the deliveries of its outbox
 * (replies to its commands, and messages workers post on their own, such as a class quiz's next question).
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /** The outbox its replies come back through (`outbox-telegram`); the process reads it for this adapter. */
  readonly outbox: string;
  readonly capabilities: ChatCapabilities;
  /** Connects and takes commands from then on; resolves once it listens, rejects when the platform refuses the bot. */
  start(): Promise<void>;
  /**
   * Stops taking commands and lets what it is sending finish, within a bound. `deliver` still works afterwards: a
   * stopping bot process delivers the replies still on their way before it closes its outboxes (SIGTERM drain).
   */
  stop(): Promise<void>;
  /** Shows one delivery (a streamed update or a final reply); rejects when a final could not be sent (it is retried). */
  deliver(delivery: Delivery): Promise<void>;
  /** Whether it receives commands now (polling alive, webhook listening, gateway connected), for `/healthz`. */
  health(): ComponentHealth;
}

/** One part of a process as `/healthz` reports it: `state` says what it is doing, in a few words, never a secret. */
export interface ComponentHealth {
  ok: boolean;
  state: string;
}

/** Small per-user and per-button state: Redis in production, a Map offline. Values are strings (JSON). */
export interface KeyValueStore {
  /** `memory` (gone when the process stops) or `redis` (shared by every process); /help tells users which. */
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Reads and deletes a key in one atomic step: of two concurrent takers, one gets the value (an answer counts once). */
  take(key: string): Promise<string | undefined>;
  /**
   * Deletes every key under one user's prefix (`userKeyPrefix`, what /forget uses) and returns the deleted keys'
   * names after that prefix (`locale`, `quiz:stats`). Stores keep an index of each user's keys for this: nothing
   * scans the whole keyspace.
   */
  deleteUserKeys(userPrefix: string): Promise<string[]>;
}

/** The answer of a rate limiter: go ahead, or wait this long. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A token bucket per key: `capacity` requests at once, refilled at one per `refillMs`. */
export interface RateRule {
  capacity: number;
  refillMs: number;
}

export interface RateLimiter {
  take(key: string, rule: RateRule): Promise<RateDecision>;
}

/** The few log calls the core makes; pino's logger fits. */
export interface Logger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}
