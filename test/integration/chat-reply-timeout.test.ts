/**
 * Chat platforms keep the terminal's promise: with no worker running, a Telegram user hears "that took too long"
 * after the queue's timeout (shortened here), through the real telegraf client against the fake Bot API on the test
 * Redis; the job is withdrawn, so when a worker starts later no stale answer arrives — only the next command's.
 */
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_OUTBOX, TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { loadConfig } from '../../src/config/config.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { createServices } from '../../src/main/create-services.js';
import { startWorkers } from '../../src/main/start-up.js';
import type { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { FakeTelegram, person } from '../support/fake-telegram/server.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';
import { TEST_LIMITS, TEST_PACING } from '../support/telegram-rig.js';

const TIMEOUT_MS = 600;

describe.skipIf(!redisUrl)('a chat command with no worker to run it', () => {
  const prefix = uniquePrefix();
  let fake: FakeTelegram;
  let runtime: Runtime;
  let adapter: TelegramAdapter;
  let workers: BullWorkers | undefined;
  beforeAll(async () => {
    fake = await FakeTelegram.start({ maxPollMs: 5_000 });
    const config = loadConfig({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix });
    runtime = await createRuntime(config, pino({ level: 'silent' }), { outbox: 'outbox-timeout-edge', timeoutMs: { fast: TIMEOUT_MS, model: TIMEOUT_MS } });
    adapter = new TelegramAdapter(runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger: new RecordingLogger(), pacing: TEST_PACING, sending: { limits: TEST_LIMITS } });
    await runtime.serve('telegram', TELEGRAM_OUTBOX, (delivery) => adapter.deliver(delivery));
    await adapter.start();
    await fake.waitForHeldPoll();
  });
  afterAll(async () => {
    await adapter.stop();
    await workers?.close();
    await runtime.close();
    await fake.close();
    await deleteByPrefix(requireRedisUrl(), prefix);
  });

  it('answers "took too long" in the user\'s language, and the withdrawn job never answers later', { timeout: 20_000 }, async () => {
    const student = person(9301, { firstName: 'Mei', languageCode: 'zh-hans' });
    fake.state.knowUser(student);
    fake.pushPrivateMessage(student, '/explain attention');
    const [timedOut] = await fake.waitFor(() => (fake.botMessages(student.id).length >= 1 ? fake.botMessages(student.id) : undefined), 5_000, 'the timeout');
    expect(timedOut!.message.text).toContain('处理时间太长');

    // A worker comes up: it finds no stale job; the next command is answered, and only that one.
    const url = requireRedisUrl();
    const config = loadConfig({ REDIS_URL: url, QUEUE_PREFIX: prefix });
    const redis = producerConnection(url);
    await ready(redis);
    workers = await startWorkers(config, url, createJobProcessor(createServices(new RedisStore(redis, prefix), 'en')), new RecordingLogger());
    fake.pushPrivateMessage(student, '/help');
    await fake.waitFor(() => (fake.botMessages(student.id).length >= 2 ? true : undefined), 10_000, 'the /help answer');
    // Nothing left to run or to deliver: no stale /explain answer can come.
    const queues = ['fast', TELEGRAM_OUTBOX].map((name) => new Queue(name, { connection: redis, prefix }));
    for (const queue of queues) {
      await expect.poll(async () => Object.values(await queue.getJobCounts('waiting', 'active', 'delayed')).reduce((a, b) => a + b, 0), { timeout: 5_000 }).toBe(0);
      await queue.close();
    }
    const texts = fake.botMessages(student.id).map((stored) => stored.message.text ?? '');
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/^命令列表/);
    await redis.quit();
  });
});
