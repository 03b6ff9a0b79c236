import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { scrubSecrets } from '../config/secrets.js';
import type { JobProcessor, Logger as CoreLogger } from '../core/ports.js';
import { BullWorkers } from '../queue/bullmq.js';
import { producerConnection, ready } from '../queue/redis-connection.js';

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

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error: unknown) => process.stderr.write(`gpt-tutor: error while stopping after ${signal}: ${scrubSecrets(String(error))}\n`))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

/**
 * For processes that only make sense with Redis (workers, the dashboard): connects, or stops the process with a
 * message — exit 2 when REDIS_URL is missing (`why` says what it would be for), 1 when Redis does not answer.
 */
export async function redisOrExit(config: Config, logger: Logger, processName: string, why: string): Promise<{ redis: Redis; url: string }> {
  if (!config.REDIS_URL) {
    process.stderr.write(`${processName}: REDIS_URL is not set. ${why}\n`);
    process.exit(2);
  }
  const redis = producerConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  await ready(redis).catch((error: unknown) => {
    process.stderr.write(`${processName}: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  });
  return { redis, url: config.REDIS_URL };
}

/** BullMQ workers on both queues with the configured concurrency and stall settings, ready to take jobs. */
export async function startWorkers(config: Config, redisUrl: string, processor: JobProcessor, logger: CoreLogger): Promise<BullWorkers> {
  const workers = new BullWorkers(redisUrl, processor, {
    prefix: config.QUEUE_PREFIX,
    concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
    stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
    logger,
  });
  await workers.ready();
  return workers;
}
