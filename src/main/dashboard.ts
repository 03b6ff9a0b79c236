/**
 * `npm run dashboard`: Bull Board over the tutor's queues, read-only (it has no login: bind it to loopback or put it
 * behind your own auth). docker compose starts it only with `--profile dashboard`.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express from 'express';
import { createLogger } from '../config/logger.js';
import { QUEUE_NAMES } from '../core/command.js';
import { queuePrefix } from '../queue/keys.js';
import { QUEUE_STREAMS } from '../queue/settings.js';
import { configOrExit, onShutdown, redisOrExit } from './start-up.js';

// The chat adapters' outboxes; terminal sessions have one each and are not listed.
const OUTBOXES = ['outbox-telegram', 'outbox-discord'];
const BASE_PATH = '/';

const config = configOrExit();
const logger = createLogger(config.LOG_LEVEL ?? 'info', 'gpt-tutor-dashboard', { format: config.LOG_FORMAT });
const { redis } = await redisOrExit(config, logger, 'gpt-tutor dashboard', 'There are no queues to show without it.');

// Every Queue writes its events-stream trim into the queue's meta: the same one as the tutor's (settings.ts).
const queues = [...QUEUE_NAMES, ...OUTBOXES].map((name) => new Queue(name, { connection: redis, prefix: queuePrefix(redis, config.QUEUE_PREFIX, name), streams: QUEUE_STREAMS }));
const serverAdapter = new ExpressAdapter();
serverAdapter.setBasePath(BASE_PATH);
createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })), serverAdapter });

const app = express();
app.use(BASE_PATH, serverAdapter.getRouter());
const server = app.listen(config.DASHBOARD_PORT, config.DASHBOARD_HOST, () => {
  logger.info({ host: config.DASHBOARD_HOST, port: config.DASHBOARD_PORT }, 'dashboard listening');
});
onShutdown(async () => {
  server.close();
  await Promise.all(queues.map((queue) => queue.close()));
  await redis.quit().catch(() => undefined);
});
