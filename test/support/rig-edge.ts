/**
 * What every platform rig runs behind its adapter, as `npm start` and `npm run worker` would: the edge runtime
 * (offline: in-process queue; with `redisUrl`: BullMQ on the test Redis under a prefix of its own, with in-process
 * workers on the real processor), a model, and class-quiz pacing.
 */
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { pino } from 'pino';
import type { ClassQuizTiming } from '../../src/core/class-quiz/timing.js';
import type { ModelKit } from '../../src/core/model-port.js';
import { loadConfig } from '../../src/config/config.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { createServices } from '../../src/main/create-services.js';
import { startWorkers } from '../../src/main/start-up.js';
import type { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import type { RecordingLogger } from './bull-harness.js';
import { deleteByPrefix, uniquePrefix } from './redis.js';

export interface RigEdgeOptions {
  /** The outbox of the edge's own waiter (platform replies go to the platform's outbox). */
  outbox: string;
  model: () => Promise<ModelKit>;
  redisUrl?: string | undefined;
  classQuizTiming?: Partial<ClassQuizTiming> | undefined;
  logger: RecordingLogger;
}

export interface RigEdge {
  runtime: Runtime;
  /** The Redis key prefix of this rig (unused offline). */
  prefix: string;
  /** Stops the workers and the runtime and deletes the rig's Redis keys; the adapter must be stopped first. */
  close(): Promise<void>;
}

export async function startRigEdge(options: RigEdgeOptions): Promise<RigEdge> {
  const prefix = uniquePrefix();
  const config = loadConfig(options.redisUrl ? { REDIS_URL: options.redisUrl, QUEUE_PREFIX: prefix } : {});
  const runtime = await createRuntime(config, pino({ level: 'silent' }), { outbox: options.outbox, model: options.model, classQuizTiming: options.classQuizTiming });

  let workers: BullWorkers | undefined;
  let workerRedis: RedisClient | undefined;
  if (options.redisUrl) {
    workerRedis = producerConnection(options.redisUrl);
    await ready(workerRedis);
    const services = createServices(new RedisStore(workerRedis, prefix), config.DEFAULT_LANG, options.model, { classQuizTiming: options.classQuizTiming });
    workers = await startWorkers(config, options.redisUrl, createJobProcessor(services), options.logger);
  }
  return {
    runtime,
    prefix,
    async close() {
      await workers?.close();
      await runtime.close();
      await workerRedis?.quit().catch(() => undefined);
      if (options.redisUrl) await deleteByPrefix(options.redisUrl, prefix);
    },
  };
}
