import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { ButtonActions } from '../../src/core/buttons.js';
import { QUEUE_BUSY_DEPTH, QUEUE_NOTICE_DEPTH, RATE_RULES } from '../../src/core/limits.js';
import type { JobSubmitter } from '../../src/core/ports.js';
import { ReplyWaiter } from '../../src/core/reply-waiter.js';
import { Uploads } from '../../src/core/uploads.js';
import { Tutor } from '../../src/core/tutor.js';
import { UserPrefs } from '../../src/core/user-prefs.js';
import { ChatPrefs } from '../../src/core/chat-prefs.js';
import { MemoryStore } from '../../src/state/memory.js';
import type { Runtime } from '../../src/main/runtime.js';
import { MemoryRateLimiter } from '../../src/state/rate-limit.js';
import { asker, offlineRuntime } from './fixtures.js';

describe('rate limits', () => {
  it('a token bucket allows a burst, then one per refill period, and says how long to wait', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(() => now);
    const rule = { capacity: 3, refillMs: 20_000 };
    for (let i = 0; i < 3; i++) expect(await limiter.take('u', rule)).toEqual({ allowed: true });
    expect(await limiter.take('u', rule)).toEqual({ allowed: false, retryAfterMs: 20_000 });
    now = 15_000;
    expect(await limiter.take('u', rule)).toEqual({ allowed: false, retryAfterMs: 5_000 });
    now = 20_000;
    expect(await limiter.take('u', rule)).toEqual({ allowed: true });
    expect(await limiter.take('someone else', rule)).toEqual({ allowed: true });
  });

  it('a student reading a lesson every few seconds never hits the limit for cheap commands', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(() => now);
    for (let i = 0; i < 500; i++) {
      now += 1_500;
      expect(await limiter.take('reader', RATE_RULES.fast)).toEqual({ allowed: true });
    }
  });

  describe('through the tutor', () => {
    let runtime: Runtime;
    beforeAll(async () => {
      runtime = await offlineRuntime();
    });
    afterAll(() => runtime.close());

    it('refuses a flood on a chat platform with a clear message in the user’s language', async () => {
      const who = asker({ locale: 'zh-CN', userId: 'flooder', platform: 'telegram' });
      const replies = [];
      for (let i = 0; i < RATE_RULES.fast.capacity + 1; i++) replies.push(await runtime.tutor.handleText('/help', who));
      expect(replies.slice(0, -1).every((reply) => reply.error === undefined)).toBe(true);
      const refused = replies.at(-1)!;
      expect(refused.error?.key).toBe('errors.rate_limited');
      expect(refused.locale).toBe('zh');
      expect(refused.text).toMatch(/\d+ 秒后再试 \/help/);
      // Another user is not affected.
      expect((await runtime.tutor.handleText('/help', asker({ userId: 'bystander', platform: 'telegram' }))).error).toBeUndefined();
    });

    it('never limits the terminal’s local user', async () => {
      const who = asker({ userId: 'local', platform: 'terminal' });
      for (let i = 0; i < RATE_RULES.fast.capacity * 2; i++) expect((await runtime.tutor.handleText('/help', who)).error).toBeUndefined();
    });
  });

  describe('back-pressure', () => {
    /** A tutor on a queue that reports a given depth and never answers. */
    function tutorOnQueue(depth: number) {
      const submitted: string[] = [];
      const submitter: JobSubmitter = {
        submit: async (_queue, job) => {
          submitted.push(job.command);
          return { jobId: 'j1' };
        },
        depth: async () => depth,
        withdraw: async () => undefined,
      };
      const store = new MemoryStore();
      const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const tutor = new Tutor({
        commands: COMMANDS,
        submitter,
        uploads: new Uploads(store),
        prefs: new UserPrefs(store),
        chatPrefs: new ChatPrefs(store),
        buttons: new ButtonActions(store),
        limiter: new MemoryRateLimiter(),
        waiter: new ReplyWaiter(),
        outbox: 'outbox-test',
        timeoutMs: { fast: 50, model: 50 },
        defaultLocale: 'en',
        logger: silent,
      });
      return { tutor, submitted };
    }

    it('tells the user their place in line when the queue is deep, and queues the command', async () => {
      const { tutor, submitted } = tutorOnQueue(QUEUE_NOTICE_DEPTH.fast + 10);
      const outcome = await tutor.dispatch(tutor.readText('/explain attention', asker()));
      expect(outcome.kind).toBe('queued');
      if (outcome.kind === 'queued') expect(outcome.notice?.text).toMatch(new RegExp(`#${QUEUE_NOTICE_DEPTH.fast + 11} in line`));
      expect(submitted).toEqual(['explain']);
    });

    it('says "busy, try again in a minute" instead of queueing when the queue is full', async () => {
      const { tutor, submitted } = tutorOnQueue(QUEUE_BUSY_DEPTH.fast);
      const reply = await tutor.handleText('/explain attention', asker({ locale: 'en' }));
      expect(reply.error?.key).toBe('errors.busy');
      expect(reply.text).toMatch(/try again in a minute/);
      expect(submitted).toEqual([]);
    });

    it('ends a command nobody answers with a timeout message, never silence', async () => {
      const { tutor } = tutorOnQueue(0);
      const updates: string[] = [];
      const reply = await tutor.handleText('/explain attention', asker({ locale: 'zh' }), { onUpdate: (update) => updates.push(update.text) });
      expect(reply.error?.key).toBe('errors.timeout');
      expect(reply.locale).toBe('zh');
      expect(updates).toEqual([]);
    });
  });
});
