import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../config/config.js';
import { ButtonActions } from '../core/buttons.js';
import type { KeyValueStore } from '../core/ports.js';
import { createJobProcessor } from '../core/processor.js';
import { Tutor } from '../core/tutor.js';
import { UserPrefs } from '../core/user-prefs.js';
import { BullJobSubmitter } from '../queue/bullmq.js';
import { InProcessQueue } from '../queue/in-process.js';
import { producerConnection, ready } from '../queue/redis-connection.js';
import { MemoryStore } from '../state/memory.js';
import { RedisStore } from '../state/redis.js';
import { createServices } from './services.js';

/** The tutor as adapters see it, and how to shut down what it opened. */
export interface Runtime {
  tutor: Tutor;
  storage: KeyValueStore['kind'];
  close(): Promise<void>;
}

/**
 * With REDIS_URL: jobs go through BullMQ to `npm run worker` processes, state lives in Redis.
 * Without: the in-process queue runs the same jobs here, state lives in memory (the offline default).
 */
export async function createRuntime(config: Config, logger: Logger): Promise<Runtime> {
  if (config.REDIS_URL) {
    const redis = producerConnection(config.REDIS_URL);
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    await ready(redis);
    const store = new RedisStore(redis, config.QUEUE_PREFIX);
    const submitter = new BullJobSubmitter(redis, config.REDIS_URL, { prefix: config.QUEUE_PREFIX });
    await submitter.ready();
    const tutor = new Tutor({ ...edgeDeps(store, config, logger), submitter });
    return {
      tutor,
      storage: store.kind,
      close: async () => {
        await submitter.close();
        await redis.quit().catch(() => undefined);
      },
    };
  }
  const store = new MemoryStore();
  const processor = createJobProcessor(createServices(store, config.DEFAULT_LANG));
  const queue = new InProcessQueue(processor, {
    concurrency: { fast: config.WORKER_FAST_CONCURRENCY, model: config.WORKER_MODEL_CONCURRENCY },
    logger,
  });
  const tutor = new Tutor({ ...edgeDeps(store, config, logger), submitter: queue });
  return { tutor, storage: store.kind, close: () => queue.close() };
}

function edgeDeps(store: KeyValueStore, config: Config, logger: Logger) {
  return {
    commands: COMMANDS,
    prefs: new UserPrefs(store),
    buttons: new ButtonActions(store),
    defaultLocale: config.DEFAULT_LANG,
    logger,
  };
}
