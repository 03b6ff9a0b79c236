import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { scrubSecrets } from '../config/secrets.js';
import type { TutorMetrics } from '../core/metrics.js';
import type { JobProcessor, Logger as CoreLogger } from '../core/ports.js';
import { BullWorkers } from '../queue/bullmq.js';
import { redisTopology } from '../config/redis-topology.js';
import { logConnectionErrors, producerConnection, ready, type RedisClient, type RedisTarget } from '../queue/redis-connection.js';

/** Reads the configuration or stops the process with a message that names the variable (exit code 2). */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gpt-tutor: ${error.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** How long a fatal stop may take before the process exits anyway: a hung stop must not leave a deaf process. */
export const FATAL_STOP_TIMEOUT_MS = 10_000;

export interface Shutdown {
  /**
   * Something the process cannot recover from (a revoked platform token): writes `gpt-tutor: <reason>` on stderr,
   * runs `stop` (bounded), and exits with code 1 so the orchestrator restarts or alerts. The reason must hold no secret.
   */
  fatal(reason: string): void;
}

/**
 * Runs `stop` once, then exits: with 0 on SIGINT or SIGTERM, with 1 after `fatal`. `signalStopBoundMs`: a stop after
 * a signal that takes longer (Redis gone mid-drain) is cut short there, before the orchestrator's SIGKILL.
 */
export function onShutdown(stop: () => Promise<void>, options: { signalStopBoundMs?: number } = {}): Shutdown {
  let stopping = false;
  const shutDown = (why: string, code: number, boundMs?: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    if (boundMs !== undefined) {
      setTimeout(() => {
        if (code === 0) process.stderr.write(`gpt-tutor: stopping after ${why} took over ${boundMs} ms; exiting now\n`);
        process.exit(code);
      }, boundMs);
    }
    stop()
      .catch((error: unknown) => process.stderr.write(`gpt-tutor: error while stopping after ${why}: ${scrubSecrets(String(error))}\n`))
      .finally(() => process.exit(code));
  };
  process.once('SIGINT', (signal) => shutDown(signal, 0, options.signalStopBoundMs));
  process.once('SIGTERM', (signal) => shutDown(signal, 0, options.signalStopBoundMs));
  return {
    fatal(reason) {
      process.stderr.write(`gpt-tutor: ${scrubSecrets(reason)}\n`);
      shutDown('a fatal error', 1, FATAL_STOP_TIMEOUT_MS);
    },
  };
}

/**
 * For processes that only make sense with Redis (workers, the dashboard): connects, or stops the process with a
 * message — exit 2 when REDIS_URL is missing (`why` says what it would be for), 1 when Redis does not answer.
 */
export async function redisOrExit(config: Config, logger: Logger, processName: string, why: string): Promise<{ redis: RedisClient; target: RedisTarget }> {
  const target = redisTopology(config);
  if (!target) {
    process.stderr.write(`${processName}: REDIS_URL is not set (nor REDIS_SENTINELS or REDIS_CLUSTER_NODES). ${why}\n`);
    process.exit(2);
  }
  const redis = producerConnection(target);
  logConnectionErrors(redis, logger);
  await ready(redis).catch((error: unknown) => {
    process.stderr.write(`${processName}: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  });
  return { redis, target };
}

/** BullMQ workers on both queues with the configured concurrency and stall settings, ready to take jobs. */
export async function startWorkers(config: Config, redisTarget: RedisTarget, processor: JobProcessor, logger: CoreLogger, metrics?: TutorMetrics): Promise<BullWorkers> {
  const workers = new BullWorkers(redisTarget, processor, {
    prefix: config.QUEUE_PREFIX,
    concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
    stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
    logger,
    metrics,
  });
  await workers.ready();
  return workers;
}
