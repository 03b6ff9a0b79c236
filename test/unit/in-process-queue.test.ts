import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { InvalidJobError } from '../../src/core/errors.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Reply } from '../../src/core/reply.js';
import { InProcessOutbox, InProcessQueue } from '../../src/queue/in-process.js';

let counter = 0;
const job = (command: string, args: Record<string, string> = {}): TutorJob => {
  counter += 1;
  return {
    command,
    args,
    context: { user: { id: 'u' }, chat: { id: 'c', kind: 'private' }, platform: 'terminal', locale: 'zh' },
    address: { platform: 'terminal', chatId: 'c', userId: 'u', correlationId: `correlation${counter}`, outbox: 'outbox-test' },
  };
};
const reply = (command: string): Reply => ({ command, locale: 'en', text: command, buttons: [] });

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** An in-process outbox whose deliveries a test can await one by one. */
function collectingOutbox() {
  const outbox = new InProcessOutbox();
  const deliveries: Delivery[] = [];
  const waiters: ((delivery: Delivery) => void)[] = [];
  outbox.consume('outbox-test', async (delivery) => {
    deliveries.push(delivery);
    waiters.shift()?.(delivery);
  });
  const next = () => new Promise<Delivery>((resolve) => waiters.push(resolve));
  return { outbox, deliveries, next };
}

describe('the in-process queue and outbox (offline twins of BullMQ)', () => {
  it('retries a transient fault and delivers the reply once', async () => {
    let attempts = 0;
    const { outbox, deliveries, next } = collectingOutbox();
    const queue = new InProcessQueue(async (data) => {
      attempts += 1;
      if (attempts === 1) throw new Error('flaky');
      return reply(data.command);
    }, outbox);
    const arrived = next();
    await queue.submit('fast', job('help'));
    expect(await arrived).toMatchObject({ final: true, reply: { command: 'help' } });
    expect(attempts).toBe(2);
    expect(deliveries).toHaveLength(1);
  });

  it('does not retry a malformed job, and still tells the user (in their language)', async () => {
    let attempts = 0;
    const { outbox, next } = collectingOutbox();
    const queue = new InProcessQueue(async () => {
      attempts += 1;
      throw new InvalidJobError('bad');
    }, outbox);
    const arrived = next();
    await queue.submit('fast', job('help'));
    expect(await arrived).toMatchObject({ final: true, reply: { locale: 'zh', error: { code: 'internal' } } });
    expect(attempts).toBe(1);
  });

  it('runs fast jobs while the model lane is busy', async () => {
    const gate = deferred();
    let modelDone = false;
    const { outbox, next } = collectingOutbox();
    const queue = new InProcessQueue(async (data) => {
      if (data.command === 'generate') {
        await gate.promise;
        modelDone = true;
      }
      return reply(data.command);
    }, outbox);
    await queue.submit('model', job('generate'));
    await queue.submit('model', job('generate'));
    expect(await queue.depth('model')).toBe(1);
    const arrived = next();
    await queue.submit('fast', job('explain'));
    expect(await arrived).toMatchObject({ reply: { command: 'explain' } });
    expect(modelDone).toBe(false);
    gate.resolve();
  });

  it('withdraws a job that has not started, so it never runs', async () => {
    const gate = deferred();
    const ran: string[] = [];
    const { outbox } = collectingOutbox();
    const queue = new InProcessQueue(
      async (data) => {
        ran.push(String(data.args['n']));
        await gate.promise;
        return reply(data.command);
      },
      outbox,
      { concurrency: { model: 1 } },
    );
    await queue.submit('model', job('generate', { n: 'first' }));
    const second = await queue.submit('model', job('generate', { n: 'second' }));
    await queue.withdraw('model', second.jobId);
    expect(await queue.depth('model')).toBe(0);
    gate.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual(['first']);
  });

  it('streams coalesced updates before the final reply', async () => {
    const { outbox, deliveries, next } = collectingOutbox();
    const queue = new InProcessQueue(async (data, report) => {
      for (let i = 1; i <= 50; i++) report?.({ ...reply(data.command), text: 'x'.repeat(i) });
      return { ...reply(data.command), text: 'x'.repeat(50) };
    }, outbox);
    const updates = next();
    const final = next();
    await queue.submit('model', job('generate'));
    expect(await updates).toMatchObject({ final: false, reply: { text: 'x' } });
    expect(await final).toMatchObject({ final: true, reply: { text: 'x'.repeat(50) } });
    // Fifty reports, one update on the wire: the rest were coalesced and superseded by the final reply.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(deliveries.filter((delivery) => !delivery.final)).toHaveLength(1);
  });

  it('delivers a final reply once even if it is sent twice', async () => {
    const { outbox, deliveries } = collectingOutbox();
    const delivery: Delivery = { id: 'final-x', address: job('help').address, reply: reply('help'), final: true };
    await outbox.send(delivery);
    await outbox.send(delivery);
    await new Promise((resolve) => setImmediate(resolve));
    expect(deliveries).toHaveLength(1);
  });
});
