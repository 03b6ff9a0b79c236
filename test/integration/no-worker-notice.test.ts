/**
 * With REDIS_URL but no worker, a student hears so within seconds, not only at the reply timeout: at a terminal with
 * the fix (`npm run worker`), in a chat that the question waits. A connected but busy worker says nothing of the kind.
 * Real BullMQ on the test Redis; the chat case through the real telegraf client against the fake Bot API.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_OUTBOX, TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { loadConfig } from '../../src/config/config.js';
import { t } from '../../src/core/i18n.js';
import type { JobProcessor, JobSubmitter } from '../../src/core/ports.js';
import { createJobProcessor } from '../../src/core/processor.js';
import type { Reply } from '../../src/core/reply.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { createServices } from '../../src/main/create-services.js';
import { startWorkers } from '../../src/main/start-up.js';
import type { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import { deferred } from '../support/async.js';
import { asker, harnessPool, RecordingLogger } from '../support/bull-harness.js';
import { FakeTelegram, person } from '../support/fake-telegram/server.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';
import { TEST_LIMITS, TEST_PACING } from '../support/telegram-rig.js';

// Long enough for the notice (checked 1.5 s after submitting) to come well before "that took too long".
const TIMEOUT_MS = 8_000;

describe.skipIf(!redisUrl)('no worker connected, at a terminal', () => {
  const pool = harnessPool(requireRedisUrl);
  afterEach(pool.closeAll);

  it('says so with the fix, in the student\'s language, then times out as before', { timeout: 20_000 }, async () => {
    const harness = await pool.start({ workerQueues: [], timeoutMs: { fast: 3_000 } });
    for (const locale of ['en', 'zh'] as const) {
      const updates: Reply[] = [];
      const reply = await harness.tutor.handleText('/help', asker(`u-${locale}`, locale), { onUpdate: (update) => updates.push(update) });
      expect(updates.map((update) => update.text)).toEqual([t(locale, 'queue.noWorker')]);
      expect(updates[0]!.text).toContain('npm run worker');
      expect(reply.error?.code).toBe('timeout');
    }
  });

  it('says nothing of the kind while a connected worker is busy with another job', { timeout: 20_000 }, async () => {
    const gate = deferred();
    const started = deferred();
    const wrap = (real: JobProcessor): JobProcessor => async (job) => {
      if (job.command === 'explain') {
        started.resolve();
        await gate.promise;
      }
      return real(job);
    };
    // The check's answers, as the edge saw them: the test waits for the check itself, not for a length of time.
    const checked: boolean[] = [];
    const wrapSubmitter = (real: JobSubmitter): JobSubmitter => ({
      submit: (queue, job, options) => real.submit(queue, job, options),
      depth: (queue) => real.depth(queue),
      withdraw: (queue, jobId) => real.withdraw(queue, jobId),
      unattended: async (queue, jobId) => {
        const none = await real.unattended!(queue, jobId);
        checked.push(none);
        return none;
      },
    });
    const harness = await pool.start({ wrap, wrapSubmitter, concurrency: { fast: 1 } });
    try {
      const first = harness.tutor.handleText('/explain attention', asker('busy-1'));
      await started.promise;
      const updates: Reply[] = [];
      const second = harness.tutor.handleText('/help', asker('busy-2'), { onUpdate: (update) => updates.push(update) });
      await expect.poll(() => checked.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      // /help waited behind the busy worker long enough to be checked: a worker is connected, so no notice.
      expect(checked).toContain(false);
      gate.resolve();
      expect((await second).command).toBe('help');
      expect((await first).topic).toBe('attention');
      expect(updates).toEqual([]);
    } finally {
      gate.resolve();
    }
  });
});

describe.skipIf(!redisUrl)('no worker connected, in a Telegram chat', () => {
  const prefix = uniquePrefix();
  let fake: FakeTelegram;
  let runtime: Runtime;
  let adapter: TelegramAdapter;
  let workers: BullWorkers | undefined;
  beforeAll(async () => {
    fake = await FakeTelegram.start({ maxPollMs: 5_000 });
    const config = loadConfig({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix });
    runtime = await createRuntime(config, pino({ level: 'silent' }), { outbox: 'outbox-no-worker-edge', timeoutMs: { fast: TIMEOUT_MS, model: TIMEOUT_MS } });
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

  it('tells the chat its question waits, and the answer replaces that once a worker starts', { timeout: 30_000 }, async () => {
    const student = person(9401, { firstName: 'Mei', languageCode: 'zh-hans' });
    fake.state.knowUser(student);
    fake.pushPrivateMessage(student, '/help');
    const texts = () => fake.botMessages(student.id).map((stored) => stored.message.text ?? '');
    // In a private chat an update is a draft (sendMessageDraft): the notice shows there until the answer comes.
    const drafts = () => fake.state.drafts.versions(student.id).map((version) => version.text);
    await fake.waitFor(() => (drafts().some((text) => text.includes('后台服务暂时没有运行')) ? true : undefined), 6_000, 'the no-worker notice');
    expect(drafts().join('\n')).not.toContain('npm run worker');

    const url = requireRedisUrl();
    const redis = producerConnection(url);
    await ready(redis);
    const config = loadConfig({ REDIS_URL: url, QUEUE_PREFIX: prefix });
    workers = await startWorkers(config, url, createJobProcessor(createServices(new RedisStore(redis, prefix), 'en')), new RecordingLogger());
    await fake.waitFor(() => (texts().some((text) => text.startsWith('命令列表')) ? true : undefined), 10_000, 'the /help answer');
    // The answer took the notice's place: the draft is gone, and what the chat shows is the answer, once.
    expect(fake.state.drafts.current(student.id)).toBeUndefined();
    expect(texts().filter((text) => text.includes('后台服务暂时没有运行'))).toEqual([]);
    expect(texts().filter((text) => text.startsWith('命令列表'))).toHaveLength(1);
    await redis.quit();
  });
});
