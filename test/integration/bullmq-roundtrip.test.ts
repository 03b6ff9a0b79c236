/** Commands through BullMQ on a real Redis: the edge (Tutor) submits, a BullWorkers process runs, state in Redis. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorJob } from '../../src/core/jobs.js';
import { KEEP_FAILED, KEEP_TIMER_COMPLETED } from '../../src/queue/settings.js';
import { asker, harnessPool } from '../support/bull-harness.js';
import { countByPrefix, redisUrl, requireRedisUrl } from '../support/redis.js';

const HAN = /\p{Script=Han}/u;

const explainJob = (topic: string): Omit<TutorJob, 'address'> => ({
  command: 'explain',
  args: { topic },
  context: { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale: 'en' },
});

describe.skipIf(!redisUrl)('BullMQ round trip on Redis', () => {
  const pool = harnessPool(requireRedisUrl);
  const start = pool.start;
  afterEach(pool.closeAll);

  it('runs an explain job on a worker and returns its reply to the submitter', async () => {
    const { ask } = await start();
    const reply = await ask('fast', explainJob('attention'));
    expect(reply).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
    expect(reply.error).toBeUndefined();
    expect(reply.text).toContain('Attention');
    expect(reply.buttons.length).toBeGreaterThan(0);
  });

  it('answers /explain attention typed at the edge in English', async () => {
    const { tutor } = await start();
    const reply = await tutor.handleText('/explain attention', asker());
    expect(reply).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
    expect(reply.text).not.toMatch(HAN);
  });

  it('stores /lang zh in Redis, and the edge answers the next command in Chinese', async () => {
    const { tutor, redis, prefix } = await start();
    const changed = await tutor.handleText('/lang zh', asker());
    expect(changed).toMatchObject({ command: 'lang', locale: 'zh' });
    expect(changed.error).toBeUndefined();

    // The worker wrote the choice to Redis; the edge reads it back from there.
    expect(await redis.get(`${prefix}:state:user:terminal:u1:locale`)).toBe('zh');
    expect(await tutor.localeFor(asker())).toBe('zh');

    const reply = await tutor.handleText('/explain attention', asker());
    expect(reply).toMatchObject({ command: 'explain', locale: 'zh', topic: 'attention' });
    expect(reply.text).toMatch(HAN);
    expect(reply.text).toContain('注意力');

    // Another user is not affected.
    const other = await tutor.handleText('/explain attention', asker('u2'));
    expect(other.locale).toBe('en');
  });

  it('resolves a button registered by the worker to its follow-up lesson at the edge', async () => {
    const { tutor, redis, prefix } = await start();
    const first = await tutor.handleText('/explain attention', asker());
    const labels = first.buttons.map((button) => button.label);
    expect(labels).toContain('Deeper');
    expect(labels).toContain('Related: Softmax');

    for (const button of first.buttons) expect(await redis.exists(`${prefix}:state:button:${button.id}`)).toBe(1);

    const deeper = first.buttons.find((button) => button.label === 'Deeper')!;
    const expert = await tutor.press({ buttonId: deeper.id, ...asker() });
    expect(expert).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
    expect(expert.text).toContain('· expert');

    const simpler = first.buttons.find((button) => button.label === 'Simpler')!;
    const kid = await tutor.press({ buttonId: simpler.id, ...asker() });
    expect(kid.text).toContain('· kid');

    const related = first.buttons.find((button) => button.label === 'Related: Softmax')!;
    expect((await tutor.press({ buttonId: related.id, ...asker() })).topic).toBe('softmax');

    // Another user presses the same button: the follow-up comes in their language.
    await tutor.handleText('/lang zh', asker('u3'));
    const theirs = await tutor.press({ buttonId: deeper.id, ...asker('u3') });
    expect(theirs).toMatchObject({ locale: 'zh', topic: 'attention' });
    expect(theirs.text).toMatch(HAN);
  });

  it('answers an unknown button id with button_expired, without a job', async () => {
    const { tutor } = await start();
    const reply = await tutor.press({ buttonId: 'bNOTREGISTER', ...asker() });
    expect(reply.error).toEqual({ code: 'button_expired', key: 'errors.button_expired' });
  });

  it('removes a job once done (it holds the typed text and the name); what is kept is bounded', async () => {
    const harness = await start();
    await harness.tutor.handleText('/explain attention', asker());
    await harness.tutor.handleText('/help', asker());
    expect(await harness.queue('fast').getJobs(['completed'])).toEqual([]);
    expect(await harness.queue('fast').getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 0, waiting: 0, active: 0 });
    // Nothing under the queue's keys holds what was typed, once answered.
    const keys = await harness.redis.keys(`${harness.prefix}:fast:*`);
    for (const key of keys) if ((await harness.redis.type(key)) === 'hash') expect(JSON.stringify(await harness.redis.hgetall(key))).not.toContain('attention');
    // Both retention rules that keep jobs are bounded: a count and an age.
    for (const keep of [KEEP_TIMER_COMPLETED, KEEP_FAILED]) {
      expect(keep.count).toBeGreaterThan(0);
      expect(keep.age).toBeGreaterThan(0);
    }
  });

  it('removes every key of its prefix on close', async () => {
    const harness = await start();
    await harness.tutor.handleText('/lang zh', asker());
    expect(await countByPrefix(requireRedisUrl(), harness.prefix)).toBeGreaterThan(0);
    await harness.close();
    expect(await countByPrefix(requireRedisUrl(), harness.prefix)).toBe(0);
  });
});
