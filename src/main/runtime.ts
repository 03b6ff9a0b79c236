import { LessonContexts } from '../core/followup/context.js';
import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../config/config.js';
import { ButtonActions } from '../core/buttons.js';
import { ChatPrefs } from '../core/chat-prefs.js';
import { ClassQuizDesk } from '../core/class-quiz/desk.js';
import { DEFAULT_CLASS_QUIZ_TIMING, type ClassQuizTiming } from '../core/class-quiz/timing.js';
import { MemoryClassQuizStore } from '../state/class-quiz-memory.js';
import { RedisClassQuizStore } from '../state/class-quiz-redis.js';
import type { Delivery } from '../core/delivery.js';
import type { Platform } from '../core/invocation.js';
import type { ModelKitLoader } from '../core/model-port.js';
import type { TutorMetrics } from '../core/metrics.js';
import type { ComponentHealth, KeyValueStore } from '../core/ports.js';
import type { TutorCommand } from '../core/services.js';
import { createJobProcessor } from '../core/processor.js';
import { ReplyDeadlines } from '../core/reply-deadlines.js';
import { ReplyWaiter } from '../core/reply-waiter.js';
import { Tutor } from '../core/tutor.js';
import { Uploads } from '../core/uploads.js';
import { UserPrefs } from '../core/user-prefs.js';
import { BullJobSubmitter } from '../queue/bullmq.js';
import { InProcessOutbox, InProcessQueue, type DeliveryHandler } from '../queue/in-process.js';
import { BullOutboxConsumer, BullOutboxSender } from '../queue/outbox.js';
import { logConnectionErrors, producerConnection, ready, type RedisClient } from '../queue/redis-connection.js';
import { JOB_TIMEOUT_MS } from '../queue/settings.js';
import { MemoryStore } from '../state/memory.js';
import { MemoryRateLimiter, RedisRateLimiter } from '../state/rate-limit.js';
import { RedisStore } from '../state/redis.js';
import { shippedContent } from '../content/shipped.js';
import { redisTopology } from '../config/redis-topology.js';
import type { ReplicaState } from '../adapters/chat/replica-state.js';
import { redisReplicaState } from '../state/replica/index.js';
import { modelKitFromConfig } from './model-kit.js';
import { createServices, quizBank, quizTimingFrom } from './create-services.js';

/** The tutor as an adapter process sees it, and how to shut down what it opened. */
export interface Runtime {
  tutor: Tutor;
  storage: KeyValueStore['kind'];
  /**
   * Starts reading a chat platform's outbox: replies to that platform's commands (and messages a worker starts on
   * its own) go to `handler`, which renders them; a handler that throws has the delivery retried (with Redis).
   */
  serve(platform: Platform, outbox: string, handler: DeliveryHandler): Promise<void>;
  /** With Redis: what the failover mechanisms did so far (commands re-submitted, repeats dropped, quiz WAITs). */
  failoverStats?(): FailoverStats;
  /** Commands this process submitted still waiting for their final reply (within their deadline): a SIGTERM drain waits for them. */
  unanswered(): number;
  /** With Redis, for /healthz and /metrics: its connection (PING, queue depths) and its outbox consumers' states. */
  ops?: RuntimeOps;
  /** With Redis: what a platform's adapter shares with the bot's other replicas (streams, send budget, polling lease). */
  replicaState?(platform: Platform): ReplicaState;
  close(): Promise<void>;
}

export interface RuntimeOps {
  redis: RedisClient;
  /** `outbox:outbox-telegram` → running, or closing… */
  outboxConsumers(): Record<string, ComponentHealth>;
}

export interface FailoverStats {
  reconnects: number;
  resubmitted: number;
  alreadyAnswered: number;
  droppedRepeats: number;
  quizWaits: number;
  quizUnconfirmed: number;
  quizRewritten: number;
}

export interface RuntimeOptions {
  /**
   * The outbox this process reads for commands of platforms it does not `serve` (the terminal's session outbox).
   * A bot process leaves it out: each platform's replies come through the outbox its adapter serves.
   */
  outbox?: string;
  /** Deliveries nobody in this process waits for: replies to commands sent before a restart, worker-started messages. */
  onUnclaimed?: DeliveryHandler;
  timeoutMs?: Partial<typeof JOB_TIMEOUT_MS>;
  /** The model the in-process workers use (tests inject a slow or scripted one); default: the shipped tiny GPT. */
  model?: ModelKitLoader;
  /** The commands this tutor offers and runs (edge and in-process workers alike); default: commands/. */
  commands?: readonly TutorCommand[];
  /** Class quiz pacing (tests run quizzes faster); the in-process workers and the edge share it. */
  classQuizTiming?: Partial<ClassQuizTiming>;
  /** Counts the edge's refusals (for /metrics). */
  metrics?: Pick<TutorMetrics, 'refused'>;
}

/**
 * With REDIS_URL: jobs go through BullMQ to `npm run worker` processes, replies come back through this adapter's
 * outbox queue, state lives in Redis. Without: the in-process queue and outbox run the same jobs here, state lives
 * in memory (the offline default).
 */
export async function createRuntime(config: Config, logger: Logger, options: RuntimeOptions): Promise<Runtime> {
  // Lessons, quiz and UI strings first: a broken content file stops the start here, with the file and line named.
  shippedContent();
  const waiter = new ReplyWaiter();
  const onDelivery = async (delivery: Delivery) => {
    if (!waiter.accept(delivery)) await options.onUnclaimed?.(delivery);
  };
  const timeoutMs = { ...JOB_TIMEOUT_MS, ...options.timeoutMs };
  const outboxes = new Map<Platform, string>();
  const commands = options.commands ?? COMMANDS;

  const redisTarget = redisTopology(config);
  if (redisTarget) {
    const redis = producerConnection(redisTarget);
    logConnectionErrors(redis, logger);
    await ready(redis);
    const store = new RedisStore(redis, config.QUEUE_PREFIX);
    const submitter = new BullJobSubmitter(redis, config.QUEUE_PREFIX, { resubmit: { timeoutMs } });
    await submitter.ready();
    // A final reply settles its command at the submitter: it is not submitted again after a failover.
    const settling = (handler: DeliveryHandler): DeliveryHandler => async (delivery) => {
      if (delivery.final) submitter.settle(delivery.address.correlationId);
      await handler(delivery);
    };
    const consumer = options.outbox
      ? new BullOutboxConsumer(redisTarget, options.outbox, settling(onDelivery), {
          prefix: config.QUEUE_PREFIX,
          stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
          logger,
        })
      : undefined;
    await consumer?.ready();
    const platformConsumers: BullOutboxConsumer[] = [];
    /** Every consumer with the outbox it reads, for /healthz. */
    const readingOutboxes: [string, BullOutboxConsumer][] = consumer && options.outbox ? [[options.outbox, consumer]] : [];
    const limiter = new RedisRateLimiter(redis, config.QUEUE_PREFIX);
    const outboxSender = new BullOutboxSender(redis, config.QUEUE_PREFIX);
    const quizStore = new RedisClassQuizStore(redis, config.QUEUE_PREFIX, { replicas: config.REDIS_WAIT_REPLICAS, timeoutMs: config.REDIS_WAIT_TIMEOUT_MS });
    const classQuiz = new ClassQuizDesk({
      store: quizStore,
      bank: quizBank(),
      buttons: new ButtonActions(store),
      outbox: outboxSender,
      submitter,
      timing: { ...DEFAULT_CLASS_QUIZ_TIMING, ...quizTimingFrom(config), ...options.classQuizTiming },
      logger,
    });
    const deadlines = new ReplyDeadlines(outboxSender, submitter);
    const tutor = new Tutor({ ...edgeDeps(store, config, logger, commands), metrics: options.metrics, submitter, limiter, waiter, deadlines, outbox: options.outbox, outboxes, timeoutMs, edgeDesk: classQuiz });
    return {
      tutor,
      storage: store.kind,
      serve: async (platform, outbox, handler) => {
        const platformConsumer = new BullOutboxConsumer(redisTarget, outbox, settling(claimedOr(waiter, handler, deadlines)), {
          prefix: config.QUEUE_PREFIX,
          stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
          logger,
        });
        platformConsumers.push(platformConsumer);
        readingOutboxes.push([outbox, platformConsumer]);
        await platformConsumer.ready();
        outboxes.set(platform, outbox);
      },
      unanswered: () => submitter.unanswered,
      ops: {
        redis,
        outboxConsumers: () => Object.fromEntries(readingOutboxes.map(([outbox, each]) => [`outbox:${outbox}`, each.health()])),
      },
      failoverStats: () => ({
        reconnects: submitter.resubmitStats.rounds,
        resubmitted: submitter.resubmitStats.resubmitted,
        alreadyAnswered: submitter.resubmitStats.alreadyAnswered,
        droppedRepeats: [consumer, ...platformConsumers].reduce((sum, each) => sum + (each?.droppedRepeats ?? 0), 0),
        quizWaits: quizStore.replicationStats.waits,
        quizUnconfirmed: quizStore.replicationStats.unconfirmed,
        quizRewritten: quizStore.replicationStats.retried,
      }),
      replicaState: (platform) => redisReplicaState(redis, config.QUEUE_PREFIX, platform, { pollingLease: leaseTimings(config.TELEGRAM_POLLING_LEASE_MS) }),
      close: async () => {
        classQuiz.close();
        deadlines.close();
        await outboxSender.close();
        await Promise.all(platformConsumers.map((platformConsumer) => platformConsumer.close()));
        await consumer?.close();
        await submitter.close();
        await redis.quit().catch(() => undefined);
      },
    };
  }

  const store = new MemoryStore();
  const outbox = new InProcessOutbox();
  if (options.outbox) outbox.consume(options.outbox, onDelivery);
  const classQuizStore = new MemoryClassQuizStore();
  const timing = { ...DEFAULT_CLASS_QUIZ_TIMING, ...quizTimingFrom(config), ...options.classQuizTiming };
  const model = options.model ?? modelKitFromConfig(config, logger);
  // A configured MODEL is downloaded and opened now, so a wrong id or an unreachable hub stops the start with its fix.
  if (config.MODEL && !options.model) await model();
  const processor = createJobProcessor(
    createServices(store, config.DEFAULT_LANG, model, { commands, classQuiz: classQuizStore, classQuizTiming: timing, logger }),
  );
  const queue = new InProcessQueue(processor, outbox, {
    concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
    logger,
  });
  const classQuiz = new ClassQuizDesk({ store: classQuizStore, bank: quizBank(), buttons: new ButtonActions(store), outbox, submitter: queue, timing, logger });
  const deadlines = new ReplyDeadlines(outbox, queue);
  const tutor = new Tutor({ ...edgeDeps(store, config, logger, commands), metrics: options.metrics, submitter: queue, limiter: new MemoryRateLimiter(), waiter, deadlines, outbox: options.outbox, outboxes, timeoutMs, edgeDesk: classQuiz });
  return {
    tutor,
    storage: store.kind,
    unanswered: () => queue.unfinished,
    serve: async (platform, name, handler) => {
      outbox.consume(name, claimedOr(waiter, handler, deadlines));
      outboxes.set(platform, name);
    },
    close: async () => {
      classQuiz.close();
      deadlines.close();
      await queue.close();
    },
  };
}

/** The polling lease: renewed every third of its TTL; a standing-by replica asks again twice as often. */
function leaseTimings(ttlMs: number) {
  return { ttlMs, renewMs: Math.round(ttlMs / 3), retryMs: Math.round(ttlMs / 6) };
}

/** A platform's deliveries go to its adapter, unless this process waits on one itself (`tutor.handle`, in tests). */
function claimedOr(waiter: ReplyWaiter, handler: DeliveryHandler, deadlines: ReplyDeadlines): DeliveryHandler {
  return async (delivery) => {
    deadlines.observe(delivery);
    if (!waiter.accept(delivery)) await handler(delivery);
  };
}

function edgeDeps(store: KeyValueStore, config: Config, logger: Logger, commands: readonly TutorCommand[]) {
  return {
    commands,
    prefs: new UserPrefs(store),
    chatPrefs: new ChatPrefs(store),
    buttons: new ButtonActions(store),
    lessonContexts: new LessonContexts(store),
    uploads: new Uploads(store),
    defaultLocale: config.DEFAULT_LANG,
    logger,
    catalog: shippedContent().catalog,
  };
}
