/**
 * Redis at its maxmemory (BullMQ needs `noeviction`, so writes are refused): a user hears the polite "busy"
 * message, never "internal error". On a redis-server of this test's own (the shared test Redis must stay usable).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, freePort, LOOPBACK, startRedisChild, stopChild } from '../../tools/redis-process.js';
import { startHarness, type Harness } from '../support/bull-harness.js';
import { redisUrl } from '../support/redis.js';

const binary = findOnPath('redis-server');

describe.skipIf(!redisUrl || !binary)('a full Redis', () => {
  let child: ChildProcess;
  let harness: Harness;
  beforeAll(async () => {
    const port = await freePort();
    child = await startRedisChild(binary!, port, ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { startMs: 5_000, stopMs: 5_000 });
    harness = await startHarness(`redis://${LOOPBACK}:${port}`, { workerQueues: [] });
  });
  afterAll(async () => {
    await harness?.close().catch(() => undefined);
    if (child) await stopChild(child);
  });

  it('answers a chat user "busy" in their language once writes are refused, and again once there is room', async () => {
    const telegram = (id: string, locale: string) => ({ user: { id, locale }, chat: { id, kind: 'private' as const }, platform: 'telegram' as const });
    // Room first: the command is queued (no worker here, so no reply; the dispatch outcome is what this checks).
    expect((await harness.tutor.dispatch(harness.tutor.readText('/explain attention', telegram('u-room', 'en')))).kind).toBe('queued');

    // A bound far below what Redis already uses (its use moves a little from moment to moment): every write refused.
    await harness.redis.config('SET', 'maxmemory', '1');
    for (const [id, locale, busy] of [
      ['u-full-en', 'en', 'I am very busy right now'],
      ['u-full-zh', 'zh-CN', '我现在太忙了'],
    ] as const) {
      const outcome = await harness.tutor.dispatch(harness.tutor.readText('/explain attention', telegram(id, locale)));
      expect(outcome.kind).toBe('answered');
      if (outcome.kind !== 'answered') continue;
      expect(outcome.reply.error?.code).toBe('busy');
      expect(outcome.reply.text).toContain(busy);
    }
    expect(JSON.stringify(harness.logger.entries)).not.toContain('command failed');

    await harness.redis.config('SET', 'maxmemory', '0');
    expect((await harness.tutor.dispatch(harness.tutor.readText('/explain attention', telegram('u-room-again', 'en')))).kind).toBe('queued');
  });
});
