/**
 * SIGTERM to a bot process mid-stream: `npm start` as a child with TELEGRAM_TOKEN (the real telegraf client against
 * the fake Bot API) and REDIS_URL, workers in this test process streaming a slow scripted /generate. The bot stops
 * polling at once (a command sent after the signal is left for the next bot), goes on delivering until the streamed
 * answer has its final, logs each phase and exits 0. Its /healthz (OPS_PORT) answers 200 while it serves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { JobProcessor } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { createServices } from '../../src/main/create-services.js';
import { startWorkers } from '../../src/main/start-up.js';
import type { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisStore } from '../../src/state/redis.js';
import { freePort, LOOPBACK } from '../../tools/redis-process.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { cleanEnv, REPO_ROOT, STACK_TRACE } from '../support/child.js';
import { waitUntil } from '../support/fault-process.js';
import { FakeTelegram, person, privateChatOf } from '../support/fake-telegram/server.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';
import { slowModelKit } from '../support/slow-model-kit.js';

const START_MS = 30_000;
const ANSWER_MS = 30_000;
/** Under BOT_DRAIN_MS plus the margin: the stream (60 characters, one every STEP_MS) ends well within it. */
const EXIT_MS = 40_000;
const STEP_MS = 100;

describe.skipIf(!redisUrl)('npm start (Telegram, Redis) receiving SIGTERM mid-stream', () => {
  const prefix = uniquePrefix();
  const logger = new RecordingLogger();
  const finals: Reply[] = [];
  let fake: FakeTelegram;
  let workers: BullWorkers;
  let workerRedis: RedisClient;
  let bot: ChildProcess | undefined;
  let stderr = '';

  beforeAll(async () => {
    fake = await FakeTelegram.start({ maxPollMs: 2_000 });
    workerRedis = producerConnection(requireRedisUrl());
    await ready(workerRedis);
    const config = loadConfig({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix });
    const real = createJobProcessor(createServices(new RedisStore(workerRedis, prefix), 'en', slowModelKit({ stepMs: STEP_MS })));
    const recording: JobProcessor = async (job, report, effects) => {
      const reply = await real(job, report, effects);
      if (reply) finals.push(reply);
      return reply;
    };
    workers = await startWorkers(config, requireRedisUrl(), recording, logger);
  }, 60_000);

  afterAll(async () => {
    if (bot?.pid !== undefined && bot.exitCode === null) process.kill(bot.pid, 'SIGKILL');
    await workers?.close();
    await workerRedis?.quit().catch(() => workerRedis.disconnect());
    await fake?.close();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
  }, 60_000);

  it('stops polling, delivers the final of the streamed answer, logs each phase and exits 0', { timeout: 150_000 }, async () => {
    const opsPort = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/tutor-process.ts'], {
      cwd: REPO_ROOT,
      env: cleanEnv({
        TELEGRAM_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        REDIS_URL: requireRedisUrl(),
        QUEUE_PREFIX: prefix,
        OPS_PORT: String(opsPort),
        BOT_DRAIN_MS: '20000',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    bot = child;
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let exitCode: number | null | undefined;
    child.once('exit', (code) => (exitCode = code));
    const explain = () => `bot stderr:\n${stderr.slice(-6_000)}`;

    await fake.waitForHeldPoll(START_MS);
    const healthz = await fetch(`http://${LOOPBACK}:${opsPort}/healthz`);
    expect(healthz.status, explain()).toBe(200);
    expect(await healthz.json()).toMatchObject({ ok: true, parts: { redis: { ok: true }, telegram: { ok: true, state: 'polling' }, 'outbox:outbox-telegram': { ok: true } } });

    const student = person(9201, { languageCode: 'en' });
    const chatId = privateChatOf(student).id;
    fake.pushPrivateMessage(student, '/generate Once upon a time');
    // Mid-stream: the answer is shown as a draft (updated at least once), and the model is still going.
    await fake.waitFor(() => fake.state.drafts.versions(chatId).length >= 2, ANSWER_MS, 'a streamed draft');
    expect(finals).toHaveLength(0);

    child.kill('SIGTERM');
    await waitUntil('the bot to stop taking updates', () => stderr.includes('stopping: taking no new updates'), { timeoutMs: ANSWER_MS, explain });
    // Sent after the signal: left in Telegram for the next bot process, not answered by this one.
    fake.pushPrivateMessage(person(9202, { languageCode: 'en' }), '/help');
    await waitUntil('the bot to exit', () => exitCode !== undefined, { timeoutMs: EXIT_MS, explain });
    expect(exitCode, explain()).toBe(0);

    // The streamed answer got its final: the whole text, with the seed line only the final carries.
    expect(finals).toHaveLength(1);
    const seed = /seed[: ](\d+)/.exec(finals[0]!.text)?.[1];
    expect(seed).toBeDefined();
    const streamed = fake.botMessages(chatId);
    expect(streamed).toHaveLength(1);
    const shown = streamed[0]!.versions.at(-1)!.text;
    expect(shown).toContain('Once upon a time');
    expect(shown).toContain(`seed ${seed}`);
    expect(fake.botMessages(privateChatOf(person(9202)).id)).toHaveLength(0);

    const phases = ['stopping: taking no new updates', 'stopping: delivering the replies still on their way', 'stopping: every command taken has its final reply', 'stopped'];
    const messages = stderr.split('\n').flatMap((line) => {
      try {
        return [(JSON.parse(line) as { msg?: string }).msg ?? ''];
      } catch {
        return [];
      }
    });
    expect(messages.filter((message) => phases.includes(message))).toEqual(phases);
    expect(stderr).not.toContain(fake.token);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});
