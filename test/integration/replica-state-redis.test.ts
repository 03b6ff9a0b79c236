/**
 * What bot replicas share, on the test Redis (src/state/replica/): each piece used by two "replicas" in this process
 * (two throttles, two limiters, two leases on one Redis and prefix), as two processes would use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamThrottle } from '../../src/adapters/chat/stream-throttle.js';
import { SendLimiter, type SendLimits } from '../../src/adapters/telegram/send-limiter.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisLease } from '../../src/state/replica/lease.js';
import { RedisSendBudget } from '../../src/state/replica/send-budget.js';
import { RedisStreamLedger } from '../../src/state/replica/stream-ledger.js';
import { RedisUpdateLog } from '../../src/state/replica/update-log.js';
import { deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisUrl)('replica state in Redis', () => {
  const prefix = uniquePrefix();
  let redis: RedisClient;

  beforeAll(async () => {
    redis = producerConnection(requireRedisUrl());
    await ready(redis);
  });
  afterAll(async () => {
    await redis?.quit();
    await deleteByPrefix(requireRedisUrl(), prefix);
  });

  it('streams: steps of one reply run one at a time across replicas, on the shared state, never older over newer', async () => {
    const ledger = new RedisStreamLedger(redis, prefix, 'test');
    const replicas = [new StreamThrottle<{ message: number; shown: string[] }>({ ledger }), new StreamThrottle<{ message: number; shown: string[] }>({ ledger })];
    let running = 0;
    let overlapped = false;
    let messagesPosted = 0;
    const step = (text: string) => async (state: { message: number; shown: string[] } | undefined) => {
      running += 1;
      overlapped ||= running > 1;
      await sleep(15);
      running -= 1;
      if (!state) messagesPosted += 1;
      return { message: state?.message ?? 42, shown: [...(state?.shown ?? []), text] };
    };
    // Updates 1..6 alternate between the replicas; update 3 reaches its replica after 5 was shown (late).
    await Promise.all([1, 2, 4, 5].map((n) => replicas[n % 2]!.update('reply-1', 20, step(`u${n}`), n)));
    await replicas[1]!.update('reply-1', 20, step('u3'), 3);
    await replicas[0]!.final('reply-1', 20, step('final'));
    // The other replica never saw the final itself: its late update starts nothing.
    await replicas[1]!.update('reply-1', 20, step('u6'), 6);

    expect(overlapped).toBe(false);
    expect(messagesPosted).toBe(1);
    const stored = JSON.parse((await redis.get(`${prefix}:replies:test:reply-1`))!) as { state: { shown: string[] }; finished: boolean };
    expect(stored.finished).toBe(true);
    expect(stored.state.shown).not.toContain('u3');
    expect(stored.state.shown).not.toContain('u6');
    expect(stored.state.shown.at(-1)).toBe('final');
  });

  it('send budget: two limiters sending to one chat keep its spacing, and the bot-wide window, together', async () => {
    const limits: SendLimits = { globalMax: 6, globalWindowMs: 300, chatSpacingMs: 60, groupMax: 100, groupWindowMs: 1_000 };
    const sent: { chat: string; at: number }[] = [];
    const limiters = [0, 1].map(() => new SendLimiter(limits, () => undefined, undefined, new RedisSendBudget(redis, prefix, limits)));
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      for (const chat of ['7', '8', '9']) {
        sends.push(limiters[i % 2]!.schedule(chat, false, async () => void sent.push({ chat, at: Date.now() })));
      }
    }
    await Promise.all(sends);
    expect(sent).toHaveLength(30);
    for (const chat of ['7', '8', '9']) {
      const times = sent.filter((entry) => entry.chat === chat).map((entry) => entry.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!, `chat ${chat}`).toBeGreaterThanOrEqual(limits.chatSpacingMs - 5);
    }
    const all = sent.map((entry) => entry.at).sort((a, b) => a - b);
    for (let i = limits.globalMax; i < all.length; i++) expect(all[i]! - all[i - limits.globalMax]!).toBeGreaterThanOrEqual(limits.globalWindowMs - 5);
  });

  it('send budget: a 429 told to one replica holds the chat back on the other', async () => {
    const limits: SendLimits = { globalMax: 100, globalWindowMs: 1_000, chatSpacingMs: 1, groupMax: 100, groupWindowMs: 1_000 };
    const budget = new RedisSendBudget(redis, prefix, limits);
    await budget.pause('55', 400);
    const told = await budget.reserve('55', false, false);
    expect('waitMs' in told && told.waitMs > 200).toBe(true);
  });

  it('update log: an update is handled once, whichever replica asks first; a dead claimant\'s update is taken over', async () => {
    const replicas = [new RedisUpdateLog(redis, prefix), new RedisUpdateLog(redis, prefix)];
    const ids = [5, 6, 1_048_576 + 3, 77_000_001];
    const claims = await Promise.all(ids.flatMap((id) => replicas.map((log, replica) => log.begin(id).then((claim) => ({ id, claim, replica })))));
    for (const id of ids) {
      expect(claims.filter((entry) => entry.id === id && entry.claim === 'mine')).toHaveLength(1);
      expect(claims.filter((entry) => entry.id === id && entry.claim === 'busy')).toHaveLength(1);
    }
    for (const entry of claims.filter((candidate) => candidate.claim === 'mine')) await replicas[entry.replica]!.done(entry.id);
    expect(await replicas[0]!.begin(5)).toBe('repeat');
    expect(await replicas[1]!.begin(6)).toBe('repeat');
    // A claimant killed before `done`: its claim expires, and the update is another's.
    expect(await replicas[0]!.begin(900)).toBe('mine');
    expect(await replicas[1]!.begin(900)).toBe('busy');
    await redis.del(`${prefix}:telegram-updates:0:claim:900`);
    expect(await replicas[1]!.begin(900)).toBe('mine');
  });

  it('polling lease: one holder; the other takes over on release, or when the holder stops renewing', async () => {
    const timings = { ttlMs: 400, renewMs: 100, retryMs: 50 };
    const key = `${prefix}:lease-test`;
    const [first, second, third] = [new RedisLease(redis, key, timings), new RedisLease(redis, key, timings), new RedisLease(redis, key, timings)];
    const stop = new AbortController();
    expect(await first!.acquire(stop.signal)).toBe(true);
    let secondHeld = false;
    const waiting = second!.acquire(stop.signal).then((held) => (secondHeld = held));
    await sleep(600);
    expect(secondHeld).toBe(false);
    await first!.release();
    expect(await waiting).toBe(true);

    // The holder's lease is taken by another (it stalled past its TTL): it hears so at its next renewal.
    let lost = false;
    second!.onLost(() => (lost = true));
    await redis.set(key, 'someone-else', 'PX', 5_000);
    await sleep(300);
    expect(lost).toBe(true);
    const gaveUp = new AbortController();
    setTimeout(() => gaveUp.abort(), 200);
    expect(await third!.acquire(gaveUp.signal)).toBe(false);
    await Promise.all([second!.release(), third!.release()]);
  });
});
