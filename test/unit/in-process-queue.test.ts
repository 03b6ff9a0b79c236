import { describe, expect, it } from 'vitest';
import { InvalidJobError, UserError } from '../../src/core/errors.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Reply } from '../../src/core/reply.js';
import { InProcessQueue } from '../../src/queue/in-process.js';

const job = (command: string): TutorJob => ({
  command,
  args: {},
  context: { user: { id: 'u' }, chat: { id: 'c', kind: 'private' }, platform: 'terminal', locale: 'en' },
});
const reply = (command: string): Reply => ({ command, locale: 'en', text: command, buttons: [] });

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the in-process queue (offline twin of BullMQ)', () => {
  it('retries a transient fault and succeeds', async () => {
    let attempts = 0;
    const queue = new InProcessQueue(async (data) => {
      attempts += 1;
      if (attempts === 1) throw new Error('flaky');
      return reply(data.command);
    });
    expect(await queue.submit('fast', job('help'))).toMatchObject({ command: 'help' });
    expect(attempts).toBe(2);
  });

  it('does not retry a malformed job', async () => {
    let attempts = 0;
    const queue = new InProcessQueue(async () => {
      attempts += 1;
      throw new InvalidJobError('bad');
    });
    await expect(queue.submit('fast', job('help'))).rejects.toThrow(InvalidJobError);
    expect(attempts).toBe(1);
  });

  it('runs fast jobs while the model lane is busy', async () => {
    const gate = deferred();
    let modelDone = false;
    const queue = new InProcessQueue(async (data) => {
      if (data.command === 'generate') {
        await gate.promise;
        modelDone = true;
      }
      return reply(data.command);
    });
    const slow = queue.submit('model', job('generate'));
    const queued = queue.submit('model', job('generate'));
    expect(queue.depth('model')).toBe(1);
    expect(await queue.submit('fast', job('explain'))).toMatchObject({ command: 'explain' });
    expect(modelDone).toBe(false);
    gate.resolve();
    await Promise.all([slow, queued]);
    expect(modelDone).toBe(true);
  });

  it('ends a job that takes too long with a timeout error', async () => {
    const never = new Promise<Reply>(() => undefined);
    const queue = new InProcessQueue(() => never, { timeoutMs: { fast: 20 } });
    const error = await queue.submit('fast', job('help')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('timeout');
  });

  it('drops a job that timed out before it started, so it never runs later', async () => {
    const gate = deferred();
    const ran: string[] = [];
    const queue = new InProcessQueue(
      async (data) => {
        ran.push(data.args['n'] as string);
        await gate.promise;
        return reply(data.command);
      },
      { concurrency: { model: 1 }, timeoutMs: { model: 20 } },
    );
    const first = queue.submit('model', { ...job('generate'), args: { n: 'first' } }).catch(() => 'timed out');
    const second = queue.submit('model', { ...job('generate'), args: { n: 'second' } }).catch(() => 'timed out');
    expect(await second).toBe('timed out');
    expect(queue.depth('model')).toBe(0);
    gate.resolve();
    await first;
    expect(ran).toEqual(['first']);
  });
});
