/** `Tutor.handle` with an AbortSignal: what the terminal's Ctrl-C relies on. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { ButtonActions } from '../../src/core/buttons.js';
import { ChatPrefs } from '../../src/core/chat-prefs.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { JobSubmitter } from '../../src/core/ports.js';
import { ReplyWaiter } from '../../src/core/reply-waiter.js';
import { Tutor } from '../../src/core/tutor.js';
import { Uploads } from '../../src/core/uploads.js';
import { UserPrefs } from '../../src/core/user-prefs.js';
import { MemoryStore } from '../../src/state/memory.js';
import { MemoryRateLimiter } from '../../src/state/rate-limit.js';
import { asker } from './fixtures.js';

/** A tutor on a queue that takes jobs and never answers them by itself; the test delivers what it wants. */
function tutorOnSilentQueue() {
  const withdrawn: string[] = [];
  const submitted: Delivery['address'][] = [];
  const submitter: JobSubmitter = {
    submit: async (_queue, job) => {
      submitted.push(job.address);
      return { jobId: `job-${submitted.length}` };
    },
    depth: async () => 0,
    withdraw: async (_queue, jobId) => {
      withdrawn.push(jobId);
    },
  };
  const store = new MemoryStore();
  const waiter = new ReplyWaiter();
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const tutor = new Tutor({
    commands: COMMANDS,
    submitter,
    uploads: new Uploads(store),
    prefs: new UserPrefs(store),
    chatPrefs: new ChatPrefs(store),
    buttons: new ButtonActions(store),
    limiter: new MemoryRateLimiter(),
    waiter,
    outbox: 'outbox-test',
    timeoutMs: { fast: 60_000, model: 60_000 },
    defaultLocale: 'en',
    logger: silent,
  });
  return { tutor, waiter, submitted, withdrawn };
}

describe('Tutor.handle with an AbortSignal', () => {
  it('rejects as soon as the signal aborts, withdraws the job, and drops what arrives for it afterwards', async () => {
    const { tutor, waiter, submitted, withdrawn } = tutorOnSilentQueue();
    const stop = new AbortController();
    const updates: string[] = [];
    const answer = tutor.handleText('/explain attention', asker({ platform: 'terminal' }), { signal: stop.signal, onUpdate: (update) => updates.push(update.text) });
    await expect.poll(() => submitted.length).toBe(1);
    const address = submitted[0]!;
    expect(waiter.accept({ id: 'update-1', address, reply: { command: 'explain', locale: 'en', text: 'part', buttons: [] }, final: false })).toBe(true);

    stop.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(withdrawn).toEqual(['job-1']);
    // A worker that had started runs on: its later deliveries are claimed (not shown as unasked) and go nowhere.
    expect(waiter.accept({ id: 'update-2', address, reply: { command: 'explain', locale: 'en', text: 'more', buttons: [] }, final: false })).toBe(true);
    expect(waiter.accept({ id: `final-${address.correlationId}`, address, reply: { command: 'explain', locale: 'en', text: 'whole', buttons: [] }, final: true })).toBe(true);
    expect(updates).toEqual(['part']);
  });

  it('rejects at once when the signal is aborted before the job is even queued, and still withdraws it', async () => {
    const { tutor, withdrawn } = tutorOnSilentQueue();
    const answer = tutor.handleText('/explain attention', asker({ platform: 'terminal' }), { signal: AbortSignal.abort() });
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(withdrawn).toEqual(['job-1']);
  });
});
