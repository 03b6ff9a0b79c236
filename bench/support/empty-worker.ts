/**
 * The bench's "empty work" worker: `src/main/worker.ts` with the same BullWorkers, settings and outbox hop, but a
 * processor that returns a fixed tiny reply without parsing the job, reading lessons or touching state. What the
 * queue path costs by itself (job queue → worker → outbox), to compare the real /explain burst against.
 */
import { createLogger } from '../../src/config/logger.js';
import type { JobProcessor } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { configOrExit, onShutdown } from '../../src/main/start-up.js';
import { BullWorkers } from '../../src/queue/bullmq.js';

const config = configOrExit();
const logger = createLogger(config.LOG_LEVEL ?? 'info', 'gpt-tutor-empty-worker');
if (!config.REDIS_URL) {
  process.stderr.write('bench empty worker: REDIS_URL is not set\n');
  process.exit(2);
}

const REPLY: Reply = { command: 'explain', locale: 'en', text: 'ok', buttons: [] };
const processor: JobProcessor = async () => REPLY;

const workers = new BullWorkers(config.REDIS_URL, processor, {
  prefix: config.QUEUE_PREFIX,
  concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
  stalled: { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_STALLED_CHECK_MS },
  logger,
});
await workers.ready();
logger.info({ prefix: config.QUEUE_PREFIX }, 'worker ready');
onShutdown(async () => {
  await workers.close();
});
