/**
 * /forget on the real Redis with BullMQ workers: after a student chose a language, opened lessons, practised, played
 * a class quiz and hit a rate limit, nothing under their prefix, no job, no delivery and no quiz row names them any
 * more; the reply says what went; a second /forget says there is nothing; no SCAN ran.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Reply } from '../../src/core/reply.js';
import type { Asker } from '../../src/core/tutor.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { classmate, FAST_TIMING, pressNow, questionPosts, waitFor } from '../support/class-quiz.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { startRigEdge, type RigEdge } from '../support/rig-edge.js';
import { slowModelKit } from '../support/slow-model-kit.js';

const NAME = 'Zelda Quux';
const ID = '770011';

/** Every key under the prefix with every value it holds (strings, hashes, sets, lists, sorted sets, streams). */
async function dump(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys(`${prefix}:*`)) {
    const type = await redis.type(key);
    parts.push(key);
    if (type === 'string') parts.push((await redis.get(key)) ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'set') parts.push(...(await redis.smembers(key)));
    else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'zset') parts.push(...(await redis.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

describe.skipIf(!redisUrl)('/forget on Redis', () => {
  let edge: RigEdge;
  let redis: Redis;
  const deliveries: Delivery[] = [];
  beforeAll(async () => {
    edge = await startRigEdge({ outbox: 'outbox-forget-edge', model: slowModelKit(), redisUrl: requireRedisUrl(), classQuizTiming: FAST_TIMING, logger: new RecordingLogger() });
    await edge.runtime.serve('telegram', 'outbox-telegram', async (delivery) => void deliveries.push(delivery));
    redis = new Redis(requireRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await edge.close();
  });

  it('leaves nothing that names the student, says what it deleted, and scans nothing', { timeout: 30_000 }, async () => {
    const tutor = edge.runtime.tutor;
    const me: Asker = { user: { id: ID, displayName: NAME, locale: 'en' }, chat: { id: ID, kind: 'private' }, platform: 'telegram' };
    const ask = (line: string, who: Asker = me): Promise<Reply> => tutor.handleText(line, who);
    await ask('/lang en');
    await ask('/explain attention');
    const practice = await ask('/quiz attention');
    const [answer] = practice.buttons;
    await tutor.press({ buttonId: answer!.id, ...me });

    // A class quiz of one question that the student plays to the end.
    const student: Asker = { ...classmate(ID), user: { id: ID, displayName: NAME, locale: 'en' } };
    await tutor.dispatch(tutor.readText('/quiz start attention 1 5', classmate('teacher-1', { admin: true })));
    const lobby = await waitFor(() => deliveries.find((delivery) => delivery.final && delivery.reply.text.includes('Class quiz')), 10_000, 'the lobby');
    await pressNow(tutor, student, lobby.reply.buttons[0]!.id);
    const post = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => !delivery.final), 10_000, 'the question');
    await pressNow(tutor, student, post.reply.buttons[0]!.id);
    const end = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith('end')), 10_000, 'the podium');
    expect(toPlainText(end.reply.text)).toContain(NAME);
    expect(await dump(redis, edge.prefix)).toContain(NAME);

    await redis.config('RESETSTAT');
    const forgotten = await ask('/forget');
    const said = toPlainText(forgotten.text);
    expect(said).toContain('your language choice');
    expect(said).toContain('the lessons you opened');
    expect(said).toContain('your practice history');
    expect(said).toMatch(/In 1 class quiz you played, your name in the teacher's results is now “a former player”/);
    expect(said).not.toMatch(/\brecords\b/);
    const stats = await redis.info('commandstats');
    expect(stats).not.toMatch(/cmdstat_(scan|keys):/);

    // Nothing left that names the student or carries their id: state, index, rate buckets, jobs, deliveries, quiz rows.
    const after = await dump(redis, edge.prefix);
    expect(after).not.toContain(NAME);
    expect(after).not.toContain(`user:telegram:${ID}:`);
    expect(after).not.toMatch(new RegExp(`"${ID}"|:${ID}\\b|\\b${ID}:`));
    expect(after).toContain('a former player');

    const again = toPlainText((await ask('/forget')).text);
    expect(again).toBe('I keep nothing about you right now, so there was nothing to delete.');
  });
});
