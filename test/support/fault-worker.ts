/**
 * A worker process for the fault tests, run as `node --import tsx test/support/fault-worker.ts`.
 *
 * It is `npm run worker` (src/main/worker.ts) with one difference: an /explain job whose topic is SLOW_TOPIC prints
 * `started <correlationId> <pid>` on stdout, waits FAULT_SLOW_MS (default 3 s), prints `finished <correlationId> <pid>`
 * and answers with the pid that ran it to the end. Every other job runs on the real processor; replies go through processToOutbox and the outbox as in
 * production. Configuration comes from the environment like the real worker (REDIS_URL, QUEUE_PREFIX,
 * WORKER_LOCK_MS, WORKER_STALLED_CHECK_MS…). Prints `ready <pid>` once its BullMQ workers are ready.
 */
import { loadConfig } from '../../src/config/config.js';
import type { JobProcessor, Logger } from '../../src/core/ports.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { createServices } from '../../src/main/create-services.js';
import { runWorkers } from '../../src/main/worker-lifecycle.js';
import { ProcessOps } from '../../src/ops/process-ops.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import { finishedLine, readyLine, SLOW_TOPIC, slowAnswer, startedLine } from './fault-protocol.js';

const config = loadConfig();
if (!config.REDIS_URL) throw new Error('fault worker: REDIS_URL is not set');
const slowMs = Number(process.env['FAULT_SLOW_MS'] ?? 3_000);

/** One JSON line per entry on stderr: the tests show it when something fails. */
const log = (level: string) => (object: object, message?: string) => {
  const err = (object as { err?: unknown }).err;
  const fields = err instanceof Error ? { ...object, err: err.message } : object;
  process.stderr.write(`${JSON.stringify({ level, time: Date.now(), msg: message, ...fields })}\n`);
};
const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };

const redis = producerConnection(config.REDIS_URL);
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
await ready(redis);

const real = createJobProcessor(createServices(new RedisStore(redis, config.QUEUE_PREFIX), config.DEFAULT_LANG));
const processor: JobProcessor = async (job, report) => {
  if (job.command !== 'explain' || job.args['topic'] !== SLOW_TOPIC) return real(job, report);
  // Synchronous on a pipe (Linux): the line is out before the test can react to it by killing this process.
  process.stdout.write(`${startedLine(job.address.correlationId, process.pid)}\n`);
  await new Promise((resolve) => setTimeout(resolve, slowMs));
  process.stdout.write(`${finishedLine(job.address.correlationId, process.pid)}\n`);
  return { command: 'explain', locale: job.context.locale, text: slowAnswer(process.pid), buttons: [] };
};

// As `npm run worker` runs it: /healthz and /metrics with OPS_PORT, and the SIGTERM drain (WORKER_DRAIN_MS).
await runWorkers(config, { target: config.REDIS_URL, redis, processor, ops: ProcessOps.fromConfig(config), logger });
process.stdout.write(`${readyLine(process.pid)}\n`);
