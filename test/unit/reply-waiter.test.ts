import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { ReplyWaiter } from '../../src/core/reply-waiter.js';

const delivery = (final: boolean, text: string): Delivery => ({
  id: `${final ? 'final' : 'update'}-c1-${text}`,
  address: { platform: 'terminal', chatId: 'c', userId: 'u', correlationId: 'correlation1', outbox: 'outbox-test' },
  reply: { command: 'explain', locale: 'en', text, buttons: [] },
  final,
});

describe('ReplyWaiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times out a reply that never comes, and swallows the answer if a worker that ran on sends it later', async () => {
    vi.useFakeTimers();
    const waiter = new ReplyWaiter();
    const waiting = waiter.expect('correlation1').within(1000);
    vi.advanceTimersByTime(1001);
    await expect(waiting).rejects.toMatchObject({ code: 'timeout' });
    // Claimed (true), so the adapter does not show it as a late reply: the asker was told it took too long, as a
    // chat is (ReplyDeadlines sends the timeout under the final's id, and the outbox drops the late answer).
    expect(waiter.accept(delivery(true, 'late'))).toBe(true);
    expect(waiter.accept(delivery(false, 'late part'))).toBe(true);
  });

  it('counts the timeout from the latest streamed update: a long answer that keeps streaming is not cut off', async () => {
    vi.useFakeTimers();
    const waiter = new ReplyWaiter();
    const updates: string[] = [];
    const waiting = waiter.expect('correlation1', (reply) => updates.push(reply.text)).within(1000);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(900);
      expect(waiter.accept(delivery(false, `part ${i}`))).toBe(true);
    }
    vi.advanceTimersByTime(900);
    expect(waiter.accept(delivery(true, 'whole answer'))).toBe(true);
    await expect(waiting).resolves.toMatchObject({ text: 'whole answer' });
    expect(updates).toHaveLength(5);
  });
});

describe('ReplyWaiter: what still comes for a command that is done', () => {
  it('swallows an update handled after its final (outbox deliveries run concurrently): it is not shown as unasked', async () => {
    const waiter = new ReplyWaiter();
    const waiting = waiter.expect('correlation1').within(1000);
    expect(waiter.accept(delivery(true, 'whole answer'))).toBe(true);
    await expect(waiting).resolves.toMatchObject({ text: 'whole answer' });
    expect(waiter.accept(delivery(false, 'stale part'))).toBe(true);
  });

  it('drops every later delivery of an abandoned command (Ctrl-C) without calling its update handler', () => {
    const waiter = new ReplyWaiter();
    const updates: string[] = [];
    const waiting = waiter.expect('correlation1', (reply) => updates.push(reply.text));
    void waiting.within(1000);
    waiting.abandon();
    expect(waiter.accept(delivery(false, 'step 2'))).toBe(true);
    expect(waiter.accept(delivery(true, 'whole answer'))).toBe(true);
    expect(updates).toEqual([]);
  });
});
