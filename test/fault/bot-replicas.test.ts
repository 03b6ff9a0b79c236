/**
 * Fault: two Telegram bot replicas (`npm start` child processes on one Redis and prefix) behave as one bot, against
 * the fake Bot API on 127.0.0.1, with a real worker child.
 *
 * - Polling: one replica holds the polling lease; every update is answered exactly once, and the sends of both
 *   replicas together keep Telegram's limits (one a second per chat, 30 a second per bot: the shared budget).
 * - A replica killed (-9) mid-stream: the other finishes the streamed /generate (the shared stream ledger): one
 *   draft animated by both, then one message; and it takes the polling lease over, so later questions are answered.
 * - Webhook mode behind a load balancer: the same update POSTed to both replicas (Telegram retrying after a timeout)
 *   is answered once (update ids in Redis).
 *
 * No timing assertions: the limits are checked on the fake's call times, every wait is a generous bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram, groupChat, person, privateChatOf } from '../support/fake-telegram/server.js';
import type { ApiCall } from '../support/fake-telegram/server.js';
import { cleanEnv, startWorker, type WorkerChild } from '../support/child.js';
import { killAllChildren, spawnNode, waitUntil, type FaultChild } from '../support/fault-process.js';
import { freePort } from '../../tools/redis-process.js';
import { deleteByPrefix, redisUrl, uniquePrefix } from '../support/redis.js';

const START_MS = 60_000;
const ANSWER_MS = 60_000;
const TEST_MS = 180_000;
/** Sends that change a chat (what Telegram's flood limits count). */
const SENDS = new Set(['sendMessage', 'sendMessageDraft', 'editMessageText', 'sendPhoto', 'sendDocument']);
/** Call times are taken by the fake on arrival: a little network jitter may bunch two up by this much. */
const ARRIVAL_JITTER_MS = 60;

function logHas(bot: FaultChild, message: string): boolean {
  return bot.stderr().split('\n').some((line) => line.includes(`"msg":"${message}"`));
}

function sendsTo(fake: FakeTelegram, chatId: number): ApiCall[] {
  return fake.calls.filter((call) => SENDS.has(call.method) && call.status === 200 && call.params['chat_id'] === String(chatId));
}

/** The most successful sends within any window of `windowMs`, over all chats. */
function busiestWindow(calls: ApiCall[], windowMs: number): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function smallestGap(calls: ApiCall[]): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) smallest = Math.min(smallest, times[i]! - times[i - 1]!);
  return smallest;
}

function baseEnv(fake: FakeTelegram, prefix: string): NodeJS.ProcessEnv {
  return cleanEnv({
    REDIS_URL: redisUrl!,
    QUEUE_PREFIX: prefix,
    TELEGRAM_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    // A killed replica's outbox deliveries are taken over within seconds, as an operator would set it for this.
    WORKER_LOCK_MS: '1000',
    WORKER_STALLED_CHECK_MS: '500',
    TELEGRAM_POLLING_LEASE_MS: '1500',
  });
}

describe.skipIf(!redisUrl)('fault: two Telegram bot replicas in polling mode', () => {
  const prefix = uniquePrefix();
  let fake: FakeTelegram;
  let worker: WorkerChild;
  const bots: FaultChild[] = [];

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    const env = baseEnv(fake, prefix);
    worker = await startWorker(env, START_MS);
    bots.push(spawnNode('bot-a', 'src/main/tutor-process.ts', [], env), spawnNode('bot-b', 'src/main/tutor-process.ts', [], env));
    await waitUntil('both replicas to start, one of them polling', () => bots.every((bot) => logHas(bot, 'telegram adapter started')) && bots.some((bot) => logHas(bot, 'telegram: polling lease taken; polling')), {
      timeoutMs: START_MS,
      explain: () => bots.map((bot) => `${bot.name}:\n${bot.stderr().slice(-2_000)}`).join('\n'),
    });
  }, START_MS * 2);

  afterAll(async () => {
    await killAllChildren();
    await worker?.stop();
    await fake?.close();
    await deleteByPrefix(redisUrl!, prefix);
  });

  it('polls from one replica, answers each update once, and keeps the limits across both', { timeout: TEST_MS }, async () => {
    expect(bots.filter((bot) => logHas(bot, 'telegram: polling lease taken; polling'))).toHaveLength(1);
    const students = Array.from({ length: 40 }, (_, index) => person(9_100 + index));
    for (const student of students) fake.pushPrivateMessage(student, '/help');
    const group = groupChat(-100_777);
    const classmates = Array.from({ length: 6 }, (_, index) => person(9_300 + index));
    for (const classmate of classmates) fake.pushGroupMessage(group, classmate, '/explain attention');

    await waitUntil('every private question and every group question answered', () => students.every((student) => fake.botMessages(student.id).length >= 1) && fake.botMessages(group.id).length >= classmates.length, {
      timeoutMs: ANSWER_MS,
      explain: () => `answered: ${students.filter((student) => fake.botMessages(student.id).length > 0).length}/${students.length} private, ${fake.botMessages(group.id).length}/${classmates.length} in the group`,
    });
    // Listen a little longer for a duplicate that must not come.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const student of students) expect(fake.botMessages(student.id), `answers to user ${student.id}`).toHaveLength(1);
    expect(fake.botMessages(group.id)).toHaveLength(classmates.length);

    // One chat's sends, from either replica, at least a second apart; the bot's, at most 30 in any second.
    expect(smallestGap(sendsTo(fake, group.id))).toBeGreaterThanOrEqual(1_000 - ARRIVAL_JITTER_MS);
    expect(busiestWindow(fake.calls.filter((call) => SENDS.has(call.method) && call.status === 200), 1_000)).toBeLessThanOrEqual(30);
    expect(fake.calls.filter((call) => call.status === 429)).toEqual([]);
  });

  it('finishes a stream (one draft, then one message) when a replica is killed mid-way, and the other takes over polling', { timeout: TEST_MS }, async () => {
    const student = person(9_500);
    fake.pushPrivateMessage(student, '/generate steps:8 temperature:0 GPT stands for');
    const drafts = () => fake.state.drafts.versions(student.id);
    const shown = () => JSON.stringify({ drafts: drafts().map((draft) => draft.text.slice(0, 80)), messages: fake.botMessages(student.id).map((stored) => stored.versions.map((version) => version.text.slice(0, 80))) });
    // A private chat streams as a draft: no message until the final.
    await waitUntil('the streamed reply to start', () => drafts().length >= 2 && fake.botMessages(student.id).length === 0, { timeoutMs: ANSWER_MS, explain: shown });
    const poller = bots.find((bot) => logHas(bot, 'telegram: polling lease taken; polling'))!;
    const other = bots.find((bot) => bot !== poller)!;
    await poller.kill9();

    // Only the final reply says how it decoded (temperature 0: greedy); the replayed steps do not.
    const finalShown = () => fake.botMessages(student.id).some((stored) => stored.versions.at(-1)!.text.includes('Temperature 0'));
    await waitUntil('the stream to end with its final', finalShown, {
      timeoutMs: ANSWER_MS,
      explain: shown,
    });
    expect(fake.botMessages(student.id)).toHaveLength(1);
    // Both replicas animated one draft: its id comes from the reply's correlation id, not from a process.
    expect(new Set(drafts().map((draft) => draft.draftId)).size).toBe(1);
    expect(fake.calls.filter((call) => call.method === 'editMessageText' && call.params['chat_id'] === String(student.id))).toEqual([]);

    await waitUntil('the other replica to take the polling lease', () => logHas(other, 'telegram: polling lease taken; polling'), { timeoutMs: START_MS, explain: () => other.stderr().slice(-2_000) });
    const late = person(9_501);
    fake.pushPrivateMessage(late, '/help');
    await waitUntil('a question after the kill to be answered', () => fake.botMessages(late.id).length === 1, { timeoutMs: ANSWER_MS });
  });
});

describe.skipIf(!redisUrl)('fault: two Telegram bot replicas behind a load balancer (webhook mode)', () => {
  const prefix = uniquePrefix();
  const secret = 'replica-test-webhook-secret';
  let fake: FakeTelegram;
  let worker: WorkerChild;
  const ports: number[] = [];

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    worker = await startWorker(baseEnv(fake, prefix), START_MS);
    for (const name of ['hook-a', 'hook-b']) {
      const port = await freePort();
      ports.push(port);
      const bot = spawnNode(name, 'src/main/tutor-process.ts', [], {
        ...baseEnv(fake, prefix),
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
        TELEGRAM_WEBHOOK_SECRET: secret,
        TELEGRAM_WEBHOOK_PORT: String(port),
      });
      await waitUntil(`${name} to listen`, () => logHas(bot, 'telegram adapter started'), { timeoutMs: START_MS, explain: () => bot.stderr().slice(-2_000) });
    }
  }, START_MS * 3);

  afterAll(async () => {
    await killAllChildren();
    await worker?.stop();
    await fake?.close();
    await deleteByPrefix(redisUrl!, prefix);
  });

  it('answers once an update delivered to both replicas', { timeout: TEST_MS }, async () => {
    const students = Array.from({ length: 10 }, (_, index) => person(9_700 + index));
    let updateId = 900_000;
    const post = (port: number, update: object) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) }).then((response) => response.status);
    const statuses: number[] = [];
    for (const student of students) {
      updateId += 1;
      const update = { update_id: updateId, message: fake.state.userMessage(privateChatOf(student), student, '/help') };
      // Telegram retrying after a timeout: the same update reaches the other replica while the first handles it.
      statuses.push(...(await Promise.all(ports.map((port) => post(port, update)))));
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    await waitUntil('every update answered', () => students.every((student) => fake.botMessages(student.id).length >= 1), { timeoutMs: ANSWER_MS });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const student of students) expect(fake.botMessages(student.id), `answers to user ${student.id}`).toHaveLength(1);
  });
});
