/** Queue lanes and shutdown through BullMQ on a real Redis, asserted by order and state, never by elapsed time. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorJob } from '../../src/core/jobs.js';
import type { JobProcessor } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { deferred, track } from '../support/async.js';
import { asker, harnessPool } from '../support/bull-harness.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';

const context: TutorJob['context'] = { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale: 'en' };
const generateJob = (prompt: string): Omit<TutorJob, 'address'> => ({ command: 'generate', args: { prompt }, context });

/**
 * A processor that holds the jobs `blocks` picks until the test opens the gate (a model job that takes long),
 * records when they start and finish, and runs every other job with the real processor.
 */
function gated(blocks: (job: TutorJob) => boolean) {
  const gate = deferred();
  const started = deferred();
  const events: string[] = [];
  const wrap = (real: JobProcessor): JobProcessor => async (job) => {
    if (!blocks(job)) return real(job);
    events.push(`start ${job.command}`);
    started.resolve();
    await gate.promise;
    events.push(`finish ${job.command}`);
    if (job.command === 'generate') return { command: 'generate', locale: job.context.locale, text: `… ${String(job.args['prompt'])}`, buttons: [] } satisfies Reply;
    return real(job);
  };
  return { gate, started, events, wrap };
}

/** Lets pending I/O callbacks and timers run a few rounds, without measuring anything. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe.skipIf(!redisUrl)('BullMQ lanes and shutdown on Redis', () => {
  const pool = harnessPool(requireRedisUrl);
  const start = pool.start;
  afterEach(pool.closeAll);

  it('completes a fast job while the model lane’s only worker is busy', async () => {
    const slow = gated((job) => job.command === 'generate');
    const harness = await start({ wrap: slow.wrap, concurrency: { model: 1 } });
    try {
      const first = track(harness.ask('model', generateJob('first')));
      await slow.started.promise;
      const second = track(harness.ask('model', generateJob('second')));

      const fast = await harness.tutor.handleText('/explain attention', asker());
      expect(fast).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });

      // The model lane is still stuck: one job active, one waiting behind it, neither answered.
      expect(first.settled).toBe(false);
      expect(second.settled).toBe(false);
      expect(slow.events).toEqual(['start generate']);
      expect(await harness.queue('model').getActiveCount()).toBe(1);
      expect(await harness.queue('model').getWaitingCount()).toBe(1);

      slow.gate.resolve();
      expect((await first.promise).text).toBe('… first');
      expect((await second.promise).text).toBe('… second');
    } finally {
      slow.gate.resolve();
    }
  });

  it('close() waits for the active job, whose reply is still delivered', async () => {
    const slow = gated((job) => job.command === 'explain');
    const harness = await start({ wrap: slow.wrap });
    try {
      const pending = track(harness.tutor.handleText('/explain attention', asker()));
      await slow.started.promise;

      const closing = track(harness.workers!.close().then(() => slow.events.push('closed')));
      await settle();
      expect(closing.settled).toBe(false);
      expect(pending.settled).toBe(false);

      slow.gate.resolve();
      await closing.promise;
      expect(slow.events).toEqual(['start explain', 'finish explain', 'closed']);

      const reply = await pending.promise;
      expect(reply).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
      expect(reply.error).toBeUndefined();
      // Done, and removed (a finished job holds the typed text): nothing left active or waiting either.
      expect(await harness.queue('fast').getJobCounts('completed', 'active', 'waiting')).toEqual({ completed: 0, active: 0, waiting: 0 });
    } finally {
      slow.gate.resolve();
    }
  });

  it('after close() no new job is taken', async () => {
    const harness = await start({ timeoutMs: { fast: 300 } });
    await harness.workers!.close();
    const reply = await harness.tutor.handleText('/help', asker());
    // No worker answered; the timed-out job was withdrawn from the queue.
    expect(reply.error?.code).toBe('timeout');
    expect(await harness.submitter.depth('fast')).toBe(0);
  });
});
