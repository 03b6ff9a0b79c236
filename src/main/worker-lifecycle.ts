import type { Config } from '../config/config.js';
import type { JobProcessor, Logger } from '../core/ports.js';
import type { ProcessOps } from '../ops/process-ops.js';
import type { BullWorkers } from '../queue/bullmq.js';
import type { RedisClient, RedisTarget } from '../queue/redis-connection.js';
import { drainWorkers, SHUTDOWN_MARGIN_MS } from './drain.js';
import { onShutdown, startWorkers } from './start-up.js';

/**
 * What a worker process runs once its processor is built (`npm run worker`; the fault tests' worker too): the BullMQ
 * workers, /healthz and /metrics when OPS_PORT is set, and the SIGTERM drain (drain.ts). Rejects when OPS_PORT cannot
 * be listened on.
 */
export async function runWorkers(config: Config, parts: { target: RedisTarget; redis: RedisClient; processor: JobProcessor; ops: ProcessOps; logger: Logger }): Promise<BullWorkers> {
  const { ops, logger, redis } = parts;
  const workers = await startWorkers(config, parts.target, parts.processor, logger, ops.metrics);
  ops.watchRedis(redis, config.QUEUE_PREFIX);
  ops.watchParts('workers', () => workers.health());
  await ops.listen(logger);
  onShutdown(async () => {
    await drainWorkers(workers, config.WORKER_DRAIN_MS, logger);
    await ops.close();
    await redis.quit().catch(() => undefined);
  }, { signalStopBoundMs: config.WORKER_DRAIN_MS + SHUTDOWN_MARGIN_MS });
  return workers;
}
