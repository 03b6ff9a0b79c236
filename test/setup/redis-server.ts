/**
 * vitest globalSetup: a throw-away Redis for the integration and e2e tests.
 *
 * - TEST_REDIS_URL set: use it (never REDIS_URL, which may be a user's real server).
 * - Else spawn `redis-server` from PATH on a free loopback port, without persistence, as a child of the runner,
 *   and stop it by PID at teardown.
 * - No binary: fail on CI; elsewhere provide no URL (the Redis tests skip) and say so once on stderr.
 */
import type { TestProject } from 'vitest/node';
import { findOnPath, freePort, LOOPBACK, startRedisChild, stopChild } from '../../tools/redis-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | undefined;
  }
}

const START_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env['TEST_REDIS_URL'];
  if (given) {
    project.provide('redisUrl', given);
    return undefined;
  }
  const binary = findOnPath('redis-server');
  if (!binary) {
    if (process.env['CI'] === 'true') throw new Error('redis-server is not on PATH: CI must run the Redis integration tests (apt-get install -y redis-server)');
    process.stderr.write('gpt-tutor tests: integration tests skipped: redis-server is missing (install it with `apt-get install -y redis-server`, or set TEST_REDIS_URL)\n');
    project.provide('redisUrl', undefined);
    return undefined;
  }
  const port = await freePort();
  // No persistence: the data is throw-away and disk writes would only slow the tests.
  const child = await startRedisChild(binary, port, ['--save', '', '--appendonly', 'no'], { startMs: START_TIMEOUT_MS, stopMs: STOP_TIMEOUT_MS });
  project.provide('redisUrl', `redis://${LOOPBACK}:${port}`);
  return () => stopChild(child, STOP_TIMEOUT_MS);
}
