/**
 * The bench's "empty work" worker: `src/main/worker.ts` with the same BullWorkers, settings and outbox hop, but a
 * processor that returns a fixed tiny reply without parsing the job, reading lessons or touching state. What the
 * queue path costs by itself (job queue → worker → outbox), to compare the real /explain burst against.
 */
import { createLogger } from '../../src/config/logger.js';
import type { JobProcessor } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { configOrExit, onShutdown, startWorkers } from '../../src/main/start-up.js';

const config = configOrExit();
const logger = createLogger(config.LOG_LEVEL ?? 'info', 'gpt-tutor-empty-worker', { format: config.LOG_FORMAT });
if (!config.REDIS_URL) {
  process.stderr.write('bench empty worker: REDIS_URL is not set\n');
  process.exit(2);
}

const REPLY: Reply = { command: 'explain', locale: 'en', text: 'ok', buttons: [] };
const processor: JobProcessor = async () => REPLY;

const workers = await startWorkers(config, config.REDIS_URL, processor, logger);
logger.info({ prefix: config.QUEUE_PREFIX }, 'worker ready');
onShutdown(async () => {
  await workers.close();
});
