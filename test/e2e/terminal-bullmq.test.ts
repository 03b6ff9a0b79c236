/**
 * The deployed shape: `npm run worker` and `npm start --json` as two child processes sharing the test Redis under a
 * prefix of their own. Jobs go through BullMQ; /lang state lives in Redis. Several terminals on one Redis each get
 * their own replies: a session of their own by default, and a named TERMINAL_SESSION held by one live terminal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import { cleanEnv, expectSessionAnswered, jsonLines, runTutor, SESSION, STACK_TRACE, startWorker, type JsonReply, type RunResult, type WorkerChild } from '../support/child.js';
import { killAllChildren, spawnNode, waitUntil } from '../support/fault-process.js';
import { countByPrefix, deleteByPrefix, redisUrl, requireRedisUrl, uniquePrefix } from '../support/redis.js';

const TUTOR = 'src/main/tutor-process.ts';

describe.skipIf(!redisUrl)('terminal --json through BullMQ and a worker process', () => {
  const prefix = uniquePrefix();
  let env: NodeJS.ProcessEnv;
  let worker: WorkerChild | undefined;

  beforeAll(async () => {
    env = cleanEnv({ REDIS_URL: requireRedisUrl(), QUEUE_PREFIX: prefix });
    worker = await startWorker(env);
  });

  afterAll(async () => {
    await killAllChildren();
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

  it('runs /compare on a worker: both stages answer, in the final reply\'s answers', async () => {
    const run = await runTutor(['/lang zh', '/compare 什么是预训练？'], { env });
    expect(run.code).toBe(0);
    const [, final] = jsonLines(run.stdout).filter((reply) => reply.final);
    expect(final).toMatchObject({ command: 'compare', lang: 'zh' });
    expect(final!.answers!.map((answer) => answer.stage)).toEqual(['pretrained', 'fine-tuned']);
    expect(final!.text).toContain('微调改变了什么');
  });

  /** The terminal outbox queues under this prefix (by their BullMQ keys). */
  const outboxQueues = async (): Promise<string[]> => {
    const redis = new Redis(requireRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      // A reply's de-duplication key (content-free, expiring after DELIVERED_MARK_TTL_MS) is not a queue left behind.
      const keys = (await redis.keys(`${prefix}:outbox-terminal-*`)).filter((key) => !key.split(':').includes('de'));
      return [...new Set(keys.map((key) => key.split(':')[1]!))];
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  };

  /** The topics of a run's final replies, in order; every one without an error. */
  const topicsOf = (run: RunResult): (string | null | undefined)[] => {
    const finals = jsonLines(run.stdout).filter((reply) => reply.final);
    for (const reply of finals) expect(reply.error, run.stderr).toBeUndefined();
    return finals.map((reply) => reply.topic);
  };

  it('two terminals without TERMINAL_SESSION at once each get exactly their own replies', async () => {
    const mine = ['attention', 'tokens', 'sampling', 'softmax', 'embeddings'];
    const theirs = ['pretraining', 'transformer', 'qkv', 'rlhf', 'fine-tuning'];
    const [first, second] = await Promise.all([
      runTutor(mine.map((topic) => `/explain ${topic}`), { env }),
      runTutor(theirs.map((topic) => `/explain ${topic}`), { env }),
    ]);
    expect(first.timedOut, first.stderr).toBe(false);
    expect(second.timedOut, second.stderr).toBe(false);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(topicsOf(first)).toEqual(mine);
    expect(topicsOf(second)).toEqual(theirs);
  });

  it('refuses a second live terminal with the same TERMINAL_SESSION, and lets a new one in once the first exits', async () => {
    const named = { ...env, TERMINAL_SESSION: 'shared-desk' };
    const first = spawnNode('first terminal', TUTOR, ['--json'], named);
    first.write('/explain attention');
    await first.waitForLine('its reply', (line) => line.includes('"topic":"attention"'), 20_000);

    const second = await runTutor(['/explain tokens'], { env: named });
    expect(second.timedOut).toBe(false);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/TERMINAL_SESSION "shared-desk" is in use by another terminal/);
    expect(second.stderr).not.toMatch(STACK_TRACE);

    first.endInput();
    expect(await first.waitForExit(20_000)).toBe(0);
    const third = await runTutor(['/explain tokens'], { env: named });
    expect(third.code, third.stderr).toBe(0);
    expect(topicsOf(third)).toEqual(['tokens']);
  });

  it('lets a terminal into a session whose holder was killed, once its lease expires (seconds)', async () => {
    const named = { ...env, TERMINAL_SESSION: 'killed-desk' };
    const holder = spawnNode('killed terminal', TUTOR, ['--json'], named);
    holder.write('/help');
    await holder.waitForLine('its reply', (line) => line.includes('"command":"help"'), 20_000);
    await holder.kill9();
    const next = await runTutor(['/explain sampling'], { env: named });
    expect(next.code, next.stderr).toBe(0);
    expect(topicsOf(next)).toEqual(['sampling']);
  });

  it('leaves no outbox behind for a terminal with a session of its own', async () => {
    const before = await outboxQueues();
    const run = await runTutor(['/help'], { env });
    expect(run.code).toBe(0);
    await waitUntil('the outbox keys of the finished terminal to go', async () => (await outboxQueues()).length === before.length, { timeoutMs: 5_000 });
  });

  it('stops the worker on SIGTERM with exit code 0', async () => {
    const code = await worker!.stop();
    expect(code).toBe(0);
    expect(worker!.stderr()).toContain('stopping');
    expect(worker!.stderr()).not.toMatch(/"level":(50|60)/);
  });
});
