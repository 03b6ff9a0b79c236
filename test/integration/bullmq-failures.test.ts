/** Failure paths through BullMQ on a real Redis: transient errors retried, malformed jobs failed at once, timeouts. */
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { JobProcessor } from '../../src/core/ports.js';
import { KEEP_FAILED } from '../../src/queue/settings.js';
import { asker, harnessPool } from '../support/bull-harness.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';

/** Stack-trace shapes that must never reach a user: "Error:", "    at fn (file.ts:1:2)", absolute paths. */
const STACK = /Error:|\bat .*\(|\/work\/|node:internal|\.ts:\d+/;

/** Counts every time a worker runs a job; optionally fails the first `failures` runs with a transient error. */
function counting(failures = 0) {
  const counter = { attempts: 0 };
  const wrap = (real: JobProcessor): JobProcessor => async (job) => {
    counter.attempts += 1;
    if (counter.attempts <= failures) throw new Error('ECONNRESET: transient fault');
    return real(job);
  };
  return { counter, wrap };
}

/** A job that fails the worker's jobSchema check (an option value that is neither text nor a number). */
function malformed<J extends Omit<TutorJob, 'address'>>(job: J): J {
  return { ...job, args: { ...job.args, topic: { nested: true } } } as unknown as J;
}

describe.skipIf(!redisUrl)('BullMQ failures on Redis', () => {
  const pool = harnessPool(requireRedisUrl);
  const start = pool.start;
  afterEach(pool.closeAll);

  it('retries a job whose first attempt throws a transient error, and the retry answers', async () => {
    const { counter, wrap } = counting(1);
    const harness = await start({ wrap });
    const reply = await harness.tutor.handleText('/explain attention', asker());
    expect(reply).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
    expect(reply.error).toBeUndefined();
    expect(counter.attempts).toBe(2);

    // Done, the job is gone from Redis (it held the typed text): the attempts were counted by the processor.
    expect(await harness.queue('fast').getJobs(['completed'])).toEqual([]);
    // The worker logs the failure when BullMQ reports it, which may come after the reply has already arrived.
    await expect.poll(() => harness.logger.entries.some((entry) => entry.level === 'warn' && entry.message === 'job failed'), { timeout: 5_000 }).toBe(true);
  });

  it('fails a malformed job at once, with exactly one attempt (no retry)', async () => {
    const { counter, wrap } = counting();
    const harness = await start({ wrap });
    const valid: Omit<TutorJob, 'address'> = {
      command: 'explain',
      args: { topic: 'attention' },
      context: { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale: 'en' },
    };
    // The user still hears that it failed (from the worker, through the outbox), not silence.
    const reply = await harness.ask('fast', malformed(valid));
    expect(reply.error).toEqual({ code: 'internal', key: 'errors.internal' });
    expect(counter.attempts).toBe(1);

    const failed = await harness.queue('fast').getJobs(['failed']);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.attemptsMade).toBe(1);
    expect(failed[0]?.failedReason).toMatch(/malformed job: args\.topic/);
    expect(failed[0]?.opts.removeOnFail).toEqual(KEEP_FAILED);
    expect(await harness.queue('fast').getDelayedCount()).toBe(0);
  });

  it('answers a malformed job with the internal error in the user language, without a stack trace', async () => {
    const { counter, wrap } = counting();
    const harness = await start({
      wrap,
      wrapSubmitter: (real) => ({
        submit: (queue, job) => real.submit(queue, job.command === 'explain' ? malformed(job) : job),
        depth: (queue) => real.depth(queue),
        withdraw: (queue, jobId) => real.withdraw(queue, jobId),
      }),
    });
    expect((await harness.tutor.handleText('/lang zh', asker())).locale).toBe('zh');
    counter.attempts = 0;

    const reply = await harness.tutor.handleText('/explain attention', asker());
    expect(reply).toMatchObject({ command: 'explain', locale: 'zh', buttons: [] });
    expect(reply.error).toEqual({ code: 'internal', key: 'errors.internal' });
    expect(reply.text).toBe(t('zh', 'errors.internal'));
    expect(reply.text).not.toMatch(STACK);
    expect(counter.attempts).toBe(1);
    // The details go to the log, not to the user.
    // The worker logs the failure when BullMQ reports it, which may come after the reply has already arrived.
    await expect.poll(() => harness.logger.entries.some((entry) => entry.level === 'warn' && entry.message === 'job failed'), { timeout: 5_000 }).toBe(true);
  });

  it('answers with a timeout error when no worker takes the job in time', async () => {
    const harness = await start({ workerQueues: [], timeoutMs: { fast: 300 } });
    const reply = await harness.tutor.handleText('/explain attention', asker());
    expect(reply).toMatchObject({ command: 'explain', locale: 'en' });
    expect(reply.error).toEqual({ code: 'timeout', key: 'errors.timeout' });
    expect(reply.text).toBe(t('en', 'errors.timeout'));
    // Nobody ran it, and it was withdrawn: a worker that starts later must not run what the user was told failed.
    expect(await harness.submitter.depth('fast')).toBe(0);
  });

  it('answers the timeout in the user language too', async () => {
    const harness = await start({ workerQueues: [], timeoutMs: { fast: 300 } });
    const reply = await harness.tutor.handleText('/help', asker('u9', 'zh_CN.UTF-8'));
    expect(reply).toMatchObject({ command: 'help', locale: 'zh', error: { code: 'timeout' } });
    expect(reply.text).toBe(t('zh', 'errors.timeout'));
  });
});
