/**
 * A lone surrogate must not jam a chat's class quizzes. JSON.stringify writes one as `\ud800`, which Redis's Lua
 * cjson refuses to decode: the quiz's compare-and-set save failed on every step, `/quiz stop` failed with it, and the
 * chat's claim kept new quizzes out for 6 hours. On the test Redis (the engine with the real Redis store; posts and
 * timers recorded, not sent): an import with "\ud800" plays and stops, a quiz stored with one before the fix stops,
 * and a new quiz starts after each.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassQuizEngine } from '../../src/core/class-quiz/engine.js';
import { parseQuestionFile } from '../../src/core/class-quiz/import.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { JobEffects } from '../../src/core/ports.js';
import { isWellFormed } from '../../src/core/well-formed.js';
import { createServices } from '../../src/main/create-services.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { MemoryStore } from '../../src/state/memory.js';
import { FAST_TIMING } from '../support/class-quiz.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

function teacherJob(chat: string, subcommand: string): TutorJob {
  return {
    command: 'quiz',
    subcommand,
    args: {},
    context: { user: { id: 'teacher', displayName: 'Teacher', chatAdmin: true }, chat: { id: chat, kind: 'group' }, platform: 'telegram', locale: 'en' },
    address: { platform: 'telegram', chatId: chat, userId: 'teacher', correlationId: `corr-${chat}-${subcommand}`, outbox: 'outbox-telegram' },
  };
}

describe.skipIf(!redisUrl)('class quiz: a lone surrogate on the real Redis', () => {
  const prefix = uniquePrefix();
  let redis: Redis;
  let store: RedisClassQuizStore;
  let engine: ClassQuizEngine;
  const posts: Delivery[] = [];

  beforeAll(() => {
    redis = new Redis(requireRedisUrl());
    store = new RedisClassQuizStore(redis, prefix);
    const effects: JobEffects = { post: async (delivery) => void posts.push(delivery), schedule: async () => undefined };
    engine = new ClassQuizEngine(createServices(new MemoryStore(), 'en', undefined, { classQuiz: store, classQuizTiming: FAST_TIMING }), effects);
  });
  afterAll(async () => {
    await deleteByPrefix(requireRedisUrl(), prefix);
    await redis.quit();
  });

  it('an imported "\\ud800" question plays (the save works), /quiz stop frees the chat, and a new quiz starts', async () => {
    const chat = 'import-surrogate';
    const file = new TextEncoder().encode(JSON.stringify([{ question: 'Broken \ud800 emoji?', options: ['yes \udc00', 'no'], answer: 'a' }]));
    const imported = parseQuestionFile('class.json', file);
    expect(imported.errors).toEqual([]);
    await store.saveCustomSet(`telegram:${chat}`, imported.questions);

    const lobby = await engine.start(teacherJob(chat, 'start'), { topic: 'custom', questions: 1 });
    expect(lobby.text).not.toMatch(/already/i);
    const quizId = (await store.running(`telegram:${chat}`))!;
    await engine.tick(quizId, 'open-0');
    expect(await store.load(quizId)).toMatchObject({ phase: 'question', index: 0, version: 1 });
    const question = posts.find((post) => post.reply.text.includes('Broken'))!;
    expect(isWellFormed(question.reply.text)).toBe(true);

    expect((await engine.stop(teacherJob(chat, 'stop'))).text).toMatch(/stop/i);
    expect(await store.running(`telegram:${chat}`)).toBeUndefined();
    expect(await store.load(quizId)).toMatchObject({ phase: 'finished' });
    await engine.start(teacherJob(chat, 'start'), { questions: 1 });
    expect(await store.running(`telegram:${chat}`)).not.toBe(quizId);
  });

  it('a quiz stored with a lone surrogate (as written before the fix) stops, and a new quiz starts', async () => {
    const chat = 'stored-surrogate';
    const quiz: ClassQuiz = {
      id: 'oldSurrogateQuiz',
      platform: 'telegram',
      chatId: chat,
      chatKey: `telegram:${chat}`,
      locale: 'en',
      starterId: 'teacher',
      outbox: 'outbox-telegram',
      title: 'Custom \ud83d',
      scoring: 'plain',
      secondsPerQuestion: 20,
      items: [{ custom: { question: 'Q \ud800', options: ['a\udc00', 'b'], correct: 0 } }],
      phase: 'reveal',
      index: 0,
      standings: [{ userId: 's1', name: 'Student \ud800', points: 1, correct: 1, answered: 1, streak: 1, correctMs: 900 }],
      history: [[{ userId: 's1', option: 0, ms: 900, correct: true, points: 1 }]],
      startedAt: 0,
      version: 3,
    };
    // What the store wrote before: JSON.stringify keeps the lone surrogates as `\ud800` escapes, which cjson refuses.
    const json = JSON.stringify(quiz);
    expect(json).toContain('\\ud800');
    await expect(redis.eval(`return cjson.decode(ARGV[1]).version`, 0, json)).rejects.toThrow(/unicode|escape/i);
    await redis.set(`${prefix}:cq:quiz:${quiz.id}`, json);
    await redis.set(`${prefix}:cq:run:${quiz.chatKey}`, quiz.id);

    expect((await engine.stop(teacherJob(chat, 'stop'))).text).toMatch(/stop/i);
    expect(await store.running(quiz.chatKey)).toBeUndefined();
    const stopped = (await store.load(quiz.id))!;
    expect(stopped).toMatchObject({ phase: 'finished', version: 4, title: 'Custom \ufffd' });
    // The copy written now is one cjson reads: the compare-and-set works again (a stale save is refused).
    expect(await store.save({ ...stopped, version: 3 })).toBe(false);
    const podium = posts.find((post) => post.address.correlationId === `qz${quiz.id}end`)!;
    expect(isWellFormed(podium.reply.text)).toBe(true);

    await engine.start(teacherJob(chat, 'start'), { questions: 1 });
    expect(await store.running(quiz.chatKey)).toMatch(/./);
    expect(await store.running(quiz.chatKey)).not.toBe(quiz.id);
  });
});
