/** `npm run worker`: runs jobs from the Redis queues (REDIS_URL). Start more of them to scale. */
import { createLogger } from '../config/logger.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import { createJobProcessor } from '../core/processor.js';
import { BullWorkers } from '../queue/bullmq.js';
import { producerConnection, ready } from '../queue/redis-connection.js';
import { RedisStore } from '../state/redis.js';
import { tinyGptKit } from './model-kit.js';
import { createServices } from './services.js';
import { configOrExit, onShutdown } from './start-up.js';

const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
const logger = createLogger(config.LOG_LEVEL ?? 'info', 'gpt-tutor-worker');
if (!config.REDIS_URL) {
  process.stderr.write('gpt-tutor worker: REDIS_URL is not set. Workers take jobs from Redis; without it, `npm start` runs jobs itself.\n');
  process.exit(2);
}

const redis = producerConnection(config.REDIS_URL);
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
await ready(redis).catch((error: unknown) => {
  process.stderr.write(`gpt-tutor worker: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
const processor = createJobProcessor(createServices(new RedisStore(redis, config.QUEUE_PREFIX), config.DEFAULT_LANG, tinyGptKit({ dtype: config.MODEL_DTYPE })));
const workers = new BullWorkers(config.REDIS_URL, processor, {
  prefix: config.QUEUE_PREFIX,
  concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
  stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
  logger,
});
await workers.ready();
logger.info({ prefix: config.QUEUE_PREFIX }, 'worker ready');
onShutdown(async () => {
  logger.info('stopping: finishing the jobs in hand');
  await workers.close();
  await redis.quit().catch(() => undefined);
});
