/**
 * "Answered once" holds for a job that runs again long after its first run (a worker takeover under load): the
 * delivered mark outlives any number of deliveries in between, where a count-bounded completed set (10,000 kept
 * deliveries ≈ 10 s at 1,000 commands/s) had already forgotten the first final reply.
 */
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorJob } from '../../src/core/jobs.js';
import { newCorrelationId } from '../../src/core/tutor.js';
import { BullOutboxSender } from '../../src/queue/outbox.js';
import { harnessPool } from '../support/bull-harness.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';

describe.skipIf(!redisUrl)('the outbox answers once', () => {
  const pool = harnessPool(requireRedisUrl);
  afterEach(pool.closeAll);

  it('drops the second final reply of a job run again after the outbox rolled over, and keeps no reply text', async () => {
    const harness = await pool.start();
    const correlationId = newCorrelationId();
    const job: TutorJob = {
      command: 'help',
      args: {},
      context: { user: { id: 'u-once' }, chat: { id: 'c-once', kind: 'private' }, platform: 'telegram', locale: 'en' },
      address: { platform: 'telegram', chatId: 'c-once', userId: 'u-once', correlationId, outbox: 'outbox-harness' },
    };
    const finals = () => harness.deliveries.filter((delivery) => delivery.final && delivery.address.correlationId === correlationId);
    await harness.submitter.submit('fast', job);
    await expect.poll(() => finals().length, { timeout: 10_000 }).toBe(1);

    // The roll-over: whatever the outbox kept of its past deliveries is gone.
    const outbox = new Queue('outbox-harness', { connection: harness.redis, prefix: harness.prefix });
    await outbox.clean(0, 100_000, 'completed');
    expect(await outbox.getJobCounts('completed', 'failed')).toEqual({ completed: 0, failed: 0 });

    // The same job again (a takeover), then another command whose answer shows the outbox has moved past both.
    await harness.submitter.submit('fast', job);
    const later = await harness.ask('fast', { command: 'help', args: {}, context: job.context });
    expect(later.command).toBe('help');
    const pending = async (queue: Queue) => Object.values(await queue.getJobCounts('waiting', 'active')).reduce((sum, count) => sum + count, 0);
    await expect.poll(() => pending(harness.queue('fast')), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => pending(outbox), { timeout: 10_000 }).toBe(0);
    expect(finals()).toHaveLength(1);
    await outbox.close();
  });

  it('carries a reply\'s image bytes beside the delivery, never in it, and drops them once the final is handled', async () => {
    const harness = await pool.start({ workerQueues: [] });
    const sender = new BullOutboxSender(harness.redis, harness.prefix);
    const correlationId = newCorrelationId();
    const base64 = Buffer.alloc(100_000, 7).toString('base64');
    const address = { platform: 'telegram' as const, chatId: 'c-img', userId: 'u-img', correlationId, outbox: 'outbox-harness' };
    const outbox = new Queue('outbox-harness', { connection: harness.redis, prefix: harness.prefix });
    // Paused consumer side: look at the stored job first (a delayed delivery waits in Redis).
    await sender.send({ id: `final-${correlationId}`, address, final: true, delayMs: 1_000, reply: { command: 'attention', locale: 'en', text: 'map', buttons: [], image: { mime: 'image/png', base64, alt: 'a map' } } });
    const [stored] = await outbox.getJobs(['delayed']);
    expect(JSON.stringify(stored!.data)).not.toContain(base64.slice(0, 100));
    expect(JSON.stringify(stored!.data).length).toBeLessThan(1_000);
    await expect.poll(() => harness.deliveries.filter((delivery) => delivery.address.correlationId === correlationId).length, { timeout: 10_000 }).toBe(1);
    const delivered = harness.deliveries.find((delivery) => delivery.address.correlationId === correlationId)!;
    expect(delivered.reply.image?.base64).toBe(base64);
    await expect.poll(async () => (await harness.redis.keys(`${harness.prefix}:blob:*`)).length, { timeout: 5_000 }).toBe(0);
    await sender.close();
    await outbox.close();
  });
});
