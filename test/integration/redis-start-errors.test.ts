/**
 * What start-up says when Redis cannot be used, on real redis-server processes of this test's own (a password set,
 * the usual 16 databases, one stopped): a refused password and a missing database fail at once with the cause and
 * its fix (ioredis alone would retry the password forever and quietly stay on database 0), an unreachable server is
 * one line naming the fix, and an outage after start is logged once, not once per reconnection attempt.
 */
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logConnectionErrors, producerConnection, ready, RedisUnavailableError } from '../../src/queue/redis-connection.js';
import { findOnPath, freePort, LOOPBACK, startRedisChild, stopChild } from '../../tools/redis-process.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { cleanEnv, runTutor } from '../support/child.js';

const PASSWORD = 'test-only-redis-password-4711';
const TIMEOUTS = { startMs: 5_000, stopMs: 5_000 };
const binary = findOnPath('redis-server');

/** How long ready() may take to report a cause it can see at once: well under its 5 s timeout. */
const PROMPT_MS = 2_000;

async function refusal(url: string): Promise<{ error: unknown; ms: number }> {
  const redis = producerConnection(url);
  const started = Date.now();
  const error = await ready(redis).then(() => undefined, (caught: unknown) => caught);
  redis.disconnect();
  return { error, ms: Date.now() - started };
}

describe.skipIf(!binary)('Redis at start-up', () => {
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startRedisChild(binary!, port, ['--save', '', '--appendonly', 'no'], TIMEOUTS);
    // Set after start: the start-up check is a bare PING, which a server with a password refuses.
    const admin = new Redis(`redis://${LOOPBACK}:${port}`);
    await admin.config('SET', 'requirepass', PASSWORD);
    admin.disconnect();
  });
  afterAll(async () => {
    if (server) await stopChild(server, TIMEOUTS.stopMs);
  });

  it('says Redis refused the password (WRONGPASS), at once, without the password', async () => {
    const { error, ms } = await refusal(`redis://:wrong-password@${LOOPBACK}:${port}`);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/^Redis at 127\.0\.0\.1:\d+ refused the password \(WRONGPASS\): .*REDIS_URL/);
    expect((error as Error).message).not.toContain('wrong-password');
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('says a password is needed when REDIS_URL has none (NOAUTH)', async () => {
    const { error, ms } = await refusal(`redis://${LOOPBACK}:${port}`);
    expect((error as Error).message).toMatch(/refused the connection without a password \(NOAUTH\): add it to REDIS_URL/);
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('stops on a database the server does not have (/99) instead of using database 0', async () => {
    const { error, ms } = await refusal(`redis://:${PASSWORD}@${LOOPBACK}:${port}/99`);
    expect((error as Error).message).toMatch(/has no database 99 \(ERR DB index is out of range\)/);
    expect(ms).toBeLessThan(PROMPT_MS);
    // A database it has is fine.
    const redis = producerConnection(`redis://:${PASSWORD}@${LOOPBACK}:${port}/3`);
    await ready(redis);
    expect(await redis.client('INFO')).toMatch(/db=3/);
    redis.disconnect();
  });

  it('npm start with a wrong password prints one line naming the cause, never the password', async () => {
    const run = await runTutor(['/help'], { env: cleanEnv({ REDIS_URL: `redis://:wrong-password@${LOOPBACK}:${port}` }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^gpt-tutor: could not start: Redis at 127\.0\.0\.1:\d+ refused the password \(WRONGPASS\)/)]);
    expect(run.stderr).not.toContain('wrong-password');
  });

  it('npm start with an unreachable REDIS_URL prints one line with the fix, not a warning per retry', async () => {
    const nobody = await freePort();
    const run = await runTutor(['/help'], { env: cleanEnv({ REDIS_URL: `redis://${LOOPBACK}:${nobody}` }) });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `gpt-tutor: could not start: Redis at ${LOOPBACK}:${nobody} did not answer within 5000 ms (connect ECONNREFUSED ${LOOPBACK}:${nobody}): start redis-server or fix REDIS_URL (or REDIS_SENTINELS, REDIS_CLUSTER_NODES)`,
    ]);
  });

  it('logs an outage after start once, however many reconnection attempts it takes, and says when Redis is back', async () => {
    const outagePort = await freePort();
    let outage = await startRedisChild(binary!, outagePort, ['--save', '', '--appendonly', 'no'], TIMEOUTS);
    const redis = producerConnection(`redis://${LOOPBACK}:${outagePort}`);
    const logger = new RecordingLogger();
    logConnectionErrors(redis, logger);
    try {
      await ready(redis);
      await stopChild(outage, TIMEOUTS.stopMs);
      // Several failed reconnection attempts, each an 'error' event.
      await new Promise<void>((resolve) => {
        let attempts = 0;
        const onError = () => {
          attempts += 1;
          if (attempts < 4) return;
          redis.off('error', onError);
          resolve();
        };
        redis.on('error', onError);
      });
      outage = await startRedisChild(binary!, outagePort, ['--save', '', '--appendonly', 'no'], TIMEOUTS);
      await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
      expect(logger.entries.map((entry) => `${entry.level} ${entry.message}`)).toEqual(['warn redis connection lost; retrying', 'info redis connection back']);
      expect(JSON.stringify(logger.entries)).not.toMatch(/\bat .*\(|stack/);
    } finally {
      redis.disconnect();
      await stopChild(outage, TIMEOUTS.stopMs);
    }
  }, 30_000);
});
