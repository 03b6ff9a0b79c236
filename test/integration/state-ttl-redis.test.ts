/**
 * Every state key has a TTL, and a person's /forget index stays about the size of their live keys (issue 23, bounded
 * memory), on the test Redis under a prefix of this file's own:
 * - a key written without a TTL gets DEFAULT_STATE_TTL_MS;
 * - keys that expired (unanswered practice questions) are dropped from the index as it grows, and /forget still finds
 *   every live key;
 * - a class quiz's player and answer sheet keep their TTL after /forget anonymises their only player.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { DEFAULT_STATE_TTL_MS, INDEX_PRUNE_EVERY, RedisStore, userIndexKey } from '../../src/state/redis.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisUrl)('state TTLs on Redis', () => {
  const prefix = uniquePrefix();
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(requireRedisUrl(), { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await deleteByPrefix(requireRedisUrl(), prefix);
    redis.disconnect();
  });

  it('gives a key written without a TTL the default one', async () => {
    const store = new RedisStore(redis, prefix);
    await store.set('user:telegram:1:note', 'x');
    await store.set('chat:telegram:1:note', 'x');
    for (const key of [`${prefix}:state:user:telegram:1:note`, `${prefix}:state:chat:telegram:1:note`]) {
      const ttl = await redis.pttl(key);
      expect(ttl, key).toBeGreaterThan(DEFAULT_STATE_TTL_MS - 60_000);
      expect(ttl, key).toBeLessThanOrEqual(DEFAULT_STATE_TTL_MS);
    }
  });

  it('drops expired keys from a person\'s index and still forgets every live one', async () => {
    const store = new RedisStore(redis, prefix);
    const live = ['locale', 'seen', 'quiz:stats'];
    for (const name of live) await store.set(`user:telegram:2:${name}`, 'x', 60_000);
    // 100 practice questions nobody answered: each one's key expires (here within 1 ms).
    for (let n = 0; n < 100; n++) {
      await store.set(`user:telegram:2:quiz:open:nonce${n}`, 'q', 1);
      await sleep(2);
    }
    const index = userIndexKey(prefix, 'user:telegram:2:')!;
    expect(await redis.scard(index)).toBeLessThanOrEqual(INDEX_PRUNE_EVERY + live.length);
    expect((await store.deleteUserKeys('user:telegram:2:')).sort()).toEqual([...live].sort());
    expect(await redis.exists(index)).toBe(0);
  });

  it('keeps a quiz\'s players and answer sheet expiring after /forget anonymises their only player', async () => {
    const store = new RedisClassQuizStore(redis, prefix);
    const quiz = {
      id: 'soloquiz',
      platform: 'telegram',
      chatId: '3',
      chatKey: 'telegram:3',
      locale: 'en',
      starterId: '30',
      outbox: 'outbox-telegram',
      title: 'solo',
      scoring: 'speed',
      secondsPerQuestion: 10,
      items: [{}],
      phase: 'lobby',
      index: 0,
      standings: [],
      history: [[]],
      startedAt: 0,
      version: 0,
    } as unknown as ClassQuiz;
    expect(await store.begin(quiz)).toEqual({ begun: true });
    await store.open(quiz.id, 0, 60_000);
    expect((await store.answer(quiz.id, 0, { userId: '30', name: 'Solo' }, 1)).status).toBe('recorded');
    quiz.phase = 'finished';
    expect(await store.finish(quiz)).toBe(true);

    expect(await store.forgetPlayer('telegram', '30', 'Anonymous')).toEqual({ anonymised: 1, running: 0 });
    for (const key of [`${prefix}:cq:players:${quiz.id}`, `${prefix}:cq:answers:${quiz.id}:0`]) {
      expect(await redis.hexists(key, '30'), key).toBe(0);
      expect(await redis.hlen(key), key).toBe(1);
      expect(await redis.pttl(key), `${key} keeps a TTL`).toBeGreaterThan(0);
    }
  });
});
