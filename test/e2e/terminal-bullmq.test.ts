/**
 * The deployed shape: `npm run worker` and `npm start --json` as two child processes sharing the test Redis under a
 * prefix of their own. Jobs go through BullMQ; /lang state lives in Redis.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import { cleanEnv, expectSessionAnswered, jsonLines, runTutor, SESSION, startWorker, type JsonReply, type WorkerChild } from '../support/child.js';
import { countByPrefix, deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

describe.skipIf(!redisUrl)('terminal --json through BullMQ and a worker process', () => {
  const prefix = uniquePrefix();
  let env: NodeJS.ProcessEnv;
  let worker: WorkerChild | undefined;

  beforeAll(async () => {
    env = cleanEnv({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix });
    worker = await startWorker(env);
  });

  afterAll(async () => {
    await worker?.stop();
    if (redisUrl) await deleteByPrefix(redisUrl, prefix);
  });

  it('answers the offline session the same way, with state in Redis', async () => {
    const run = await runTutor(SESSION, { env });
    // /help says where state lives: the worker runs on the Redis store.
    expectSessionAnswered(run, t('zh', 'help.privacyRedis'));
    expect(await countByPrefix(requireRedisUrl(), prefix)).toBeGreaterThan(0);
  });

  it('remembers /lang zh across terminal runs (the choice is in Redis, not in the process)', async () => {
    const run = await runTutor(['/explain attention', '1'], { env });
    expect(run.code).toBe(0);
    const [first, picked] = jsonLines(run.stdout) as [JsonReply, JsonReply];
    expect(first).toMatchObject({ command: 'explain', lang: 'zh', topic: 'attention' });
    // A button registered by the worker, resolved by the terminal's edge through Redis.
    expect(picked).toMatchObject({ command: 'explain', lang: 'zh', topic: 'attention' });
    expect(picked.text).not.toBe(first.text);
  });

  it('runs the model commands on a worker: /generate streams and names its model, /attention saves a PNG', async () => {
    const run = await runTutor(['/lang en', '/generate 注意力机制', '/generate Attention is', '/attention 我喜欢学习GPT'], { env });
    expect(run.code).toBe(0);
    const finals = jsonLines(run.stdout).filter((reply) => reply.final);
    expect(finals.map((reply) => reply.command)).toEqual(['lang', 'generate', 'generate', 'attention']);
    for (const reply of finals.slice(1, 3)) {
      expect(reply.error).toBeUndefined();
      expect(reply.model).toBe('gpt-tutor-tiny');
      expect(reply.new_tokens).toBeGreaterThan(0);
    }
    const attention = finals[3]!;
    expect(attention.error).toBeUndefined();
    expect(existsSync(attention.image!)).toBe(true);
    expect(readFileSync(attention.image!).subarray(0, 4).toString('hex')).toBe('89504e47');
  });

  it('stops the worker on SIGTERM with exit code 0', async () => {
    const code = await worker!.stop();
    expect(code).toBe(0);
    expect(worker!.stderr()).toContain('stopping');
    expect(worker!.stderr()).not.toMatch(/"level":(50|60)/);
  });
});
