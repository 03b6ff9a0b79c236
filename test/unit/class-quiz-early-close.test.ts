/**
 * A question closes early once every participant has answered, but a question that opened with no participants
 * (nobody pressed Join: answering also lets you in) waits for its timer: otherwise the first answer would close it
 * for the whole class, and every later question too. Checked through the Tutor (offline) and on both stores.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { ClassQuizStore } from '../../src/core/class-quiz/store.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import type { Delivery } from '../../src/core/delivery.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { MemoryClassQuizStore } from '../../src/state/class-quiz-memory.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { classmate, FAST_TIMING, pressNow, questionPosts, waitFor } from '../support/class-quiz.js';
import { deleteByPrefix, redisUrl, uniquePrefix } from '../support/redis.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

describe('early close of a class quiz question', () => {
  it('nobody joined: the first answer does not close the question for the others', { timeout: 20_000 }, async () => {
    runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-test', classQuizTiming: FAST_TIMING });
    const deliveries: Delivery[] = [];
    await runtime.serve('telegram', 'outbox-telegram', async (delivery) => void deliveries.push(delivery));
    const teacher = classmate('t', { chat: 'no-joins', admin: true });
    const students = ['a', 'b', 'c'].map((id) => classmate(id, { chat: 'no-joins' }));
    // 300 "seconds" of 20 ms: a 6 s window, far longer than the answers take.
    await runtime.tutor.handleText('/quiz start attention 2 300 plain', teacher);
    await runtime.tutor.handleText('/quiz skip', teacher);
    const post = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => !delivery.final), 5000, 'question 1');
    for (const student of students) {
      expect((await pressNow(runtime.tutor, student, post.reply.buttons[0]!.id))!.text).toMatch(/recorded/);
      await new Promise((resolve) => setTimeout(resolve, 50)); // room for an early close, were one (wrongly) asked for
    }
    // Question 2 opened with three players: it closes as soon as all three have answered.
    await runtime.tutor.handleText('/quiz skip', teacher);
    const next = await waitFor(() => questionPosts(deliveries, 1).find((delivery) => !delivery.final), 5000, 'question 2');
    for (const student of students) expect((await pressNow(runtime.tutor, student, next.reply.buttons[1]!.id))!.text).toMatch(/recorded/);
    const closed = await waitFor(() => questionPosts(deliveries, 1).find((delivery) => delivery.final), 3000, 'question 2 closed early');
    expect(closed.reply.text).toContain("Time's up: 3 answered.");
  });
});

const quiz = (id: string): ClassQuiz => ({
  id,
  platform: 'telegram',
  chatId: id,
  chatKey: `telegram:${id}`,
  locale: 'en',
  starterId: 't',
  outbox: 'outbox-telegram',
  title: 'test',
  scoring: 'plain',
  secondsPerQuestion: 30,
  items: [],
  phase: 'question',
  index: 0,
  standings: [],
  history: [],
  startedAt: 0,
  version: 0,
});

async function playersAtOpen(store: ClassQuizStore, id: string): Promise<void> {
  await store.begin(quiz(id));
  await store.open(id, 0, 30_000);
  expect(await store.answer(id, 0, { userId: 'a', name: 'a' }, 1)).toEqual({ status: 'recorded', answered: 1, players: 1, playersAtOpen: 0 });
  await store.join(id, { userId: 'b', name: 'b' });
  await store.open(id, 1, 30_000);
  expect(await store.answer(id, 1, { userId: 'c', name: 'c' }, 1)).toEqual({ status: 'recorded', answered: 1, players: 3, playersAtOpen: 2 });
  // Opening the same question again (a re-run step) keeps its count.
  await store.join(id, { userId: 'd', name: 'd' });
  await store.open(id, 1, 30_000);
  expect(await store.answer(id, 1, { userId: 'a', name: 'a' }, 1)).toMatchObject({ status: 'recorded', playersAtOpen: 2 });
}

/** Two steps that loaded the same version: the first save wins, the late one is refused and changes nothing. */
async function staleSave(store: ClassQuizStore, id: string): Promise<void> {
  await store.begin(quiz(id));
  const timerClose = (await store.load(id))!;
  const allAnsweredClose = (await store.load(id))!;
  timerClose.phase = 'reveal';
  expect(await store.save(timerClose)).toBe(true);
  // The winner moves on: the next question opens.
  timerClose.phase = 'question';
  timerClose.index = 1;
  expect(await store.save(timerClose)).toBe(true);
  // The overtaken step must not put the quiz back to the first reveal.
  allAnsweredClose.phase = 'reveal';
  expect(await store.save(allAnsweredClose)).toBe(false);
  expect(await store.finish(allAnsweredClose)).toBe(false);
  expect(await store.load(id)).toMatchObject({ phase: 'question', index: 1, version: 2 });
  expect(await store.running(`telegram:${id}`)).toBe(id);
}

/** 50 students, each clicking twice at the same moment: 50 answers recorded, 50 refused as repeats. */
async function concurrentAnswers(store: ClassQuizStore, id: string): Promise<void> {
  await store.begin(quiz(id));
  await store.open(id, 0, 30_000);
  const clicks = Array.from({ length: 100 }, (_, i) => store.answer(id, 0, { userId: `s${i % 50}`, name: `S${i % 50}` }, i % 4));
  const outcomes = await Promise.all(clicks);
  expect(outcomes.filter((outcome) => outcome.status === 'recorded')).toHaveLength(50);
  expect(outcomes.filter((outcome) => outcome.status === 'again')).toHaveLength(50);
  const answers = await store.answers(id, 0);
  expect(new Set(answers.map((answer) => answer.userId)).size).toBe(50);
  // Each student's first click is the one kept.
  for (const answer of answers) expect(answer.option).toBe(Number(answer.userId.slice(1)) % 4);
  await store.close(id, 0);
  expect((await store.answer(id, 0, { userId: 'late', name: 'Late' }, 0)).status).toBe('closed');
}

describe('class quiz stores', () => {
  it('memory store: 50 simultaneous answers count once each', () => concurrentAnswers(new MemoryClassQuizStore(), 'mem3'));
  it('memory store', () => playersAtOpen(new MemoryClassQuizStore(), 'mem'));
  it('memory store: a stale save is refused', () => staleSave(new MemoryClassQuizStore(), 'mem2'));

  const prefix = uniquePrefix();
  afterAll(async () => {
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
  });
  it.skipIf(!redisUrl)('Redis store', async () => {
    const redis = new Redis(redisUrl!);
    try {
      await playersAtOpen(new RedisClassQuizStore(redis, prefix), 'red');
      await staleSave(new RedisClassQuizStore(redis, prefix), 'red2');
      await concurrentAnswers(new RedisClassQuizStore(redis, prefix), 'red3');
    } finally {
      await redis.quit();
    }
  });
});
