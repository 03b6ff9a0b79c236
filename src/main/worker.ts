/** `npm run worker`: runs jobs from the Redis queues (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES). Start more of them to scale. */
import { createLogger } from '../config/logger.js';
import { ContentError } from '../content/errors.js';
import { shippedContent } from '../content/shipped.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import { createJobProcessor } from '../core/processor.js';
import { RedisStore } from '../state/redis.js';
import { modelKitFromConfig } from './model-kit.js';
import { createServices, quizTimingFrom } from './create-services.js';
import { countingTokens } from '../core/model-tokens.js';
import { ProcessOps } from '../ops/process-ops.js';
import { configOrExit, redisOrExit } from './start-up.js';
import { runWorkers } from './worker-lifecycle.js';

const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
// The lessons and questions are checked before anything else: a broken file stops here, naming file and line.
try {
  shippedContent();
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  process.stderr.write(`gpt-tutor worker: could not start: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL ?? 'info', 'gpt-tutor-worker', { format: config.LOG_FORMAT });
const { redis, target } = await redisOrExit(config, logger, 'gpt-tutor worker', 'Workers take jobs from Redis; without it, `npm start` runs jobs itself.');
const ops = ProcessOps.fromConfig(config);
const model = countingTokens(modelKitFromConfig(config, logger), (name, tokens) => ops.metrics.modelTokens(name, tokens));
if (config.MODEL) {
  // Download and open MODEL before taking jobs: a wrong id or an unreachable hub stops here with its fix.
  await model().catch((error: unknown) => {
    process.stderr.write(`gpt-tutor worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
const processor = createJobProcessor(
  createServices(new RedisStore(redis, config.QUEUE_PREFIX), config.DEFAULT_LANG, model, { classQuizTiming: quizTimingFrom(config), logger }),
);
await runWorkers(config, { target, redis, processor, ops, logger }).catch((error: unknown) => {
  process.stderr.write(`gpt-tutor worker: could not start: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
logger.info({ prefix: config.QUEUE_PREFIX }, 'worker ready');
