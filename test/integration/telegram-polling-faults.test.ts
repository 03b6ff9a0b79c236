/**
 * Long polling when Telegram refuses getUpdates, with the real telegraf client against the fake Bot API: 409 Conflict
 * (another poller: a deploy overlap) is waited out with a growing backoff, logged once, and polling goes on; 401 (a
 * revoked token) stops polling and reports it through onFatal, without the token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TELEGRAM_OUTBOX, TELEGRAM_TOKEN_REFUSED, TelegramAdapter, type TelegramAdapterOptions } from '../../src/adapters/telegram/adapter.js';
import { deferred } from '../support/async.js';
import { RecordingLogger } from '../support/bull-harness.js';
import { FakeTelegram, person } from '../support/fake-telegram/server.js';
import { startRigEdge, type RigEdge } from '../support/rig-edge.js';
import { slowModelKit } from '../support/slow-model-kit.js';

const CONFLICTS = 6;
const BACKOFF = { min: 20, max: 160 };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start(options: Partial<TelegramAdapterOptions> = {}, before?: (fake: FakeTelegram) => void) {
  const fake = await FakeTelegram.start({ maxPollMs: 5_000 });
  cleanup.push(() => fake.close());
  const logger = new RecordingLogger();
  const edge: RigEdge = await startRigEdge({ outbox: 'outbox-telegram-faults-edge', model: slowModelKit(), logger });
  cleanup.push(() => edge.close());
  const adapter = new TelegramAdapter(edge.runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger, conflictBackoffMs: BACKOFF, ...options });
  await edge.runtime.serve('telegram', TELEGRAM_OUTBOX, (delivery) => adapter.deliver(delivery));
  before?.(fake);
  await adapter.start();
  cleanup.push(() => adapter.stop());
  return { fake, adapter, logger };
}

/** Records what onFatal is given; `first(ms)` waits (bounded) for the first reason. */
function fatalCatcher(): { onFatal: (reason: string) => void; reasons: string[]; first(timeoutMs: number): Promise<string> } {
  const reasons: string[] = [];
  const called = deferred<string>();
  return {
    reasons,
    onFatal: (reason) => {
      reasons.push(reason);
      called.resolve(reason);
    },
    first: (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`onFatal not called within ${timeoutMs} ms`)), timeoutMs)));
      return Promise.race([called.promise, late]).finally(() => clearTimeout(timer));
    },
  };
}

describe('Telegram adapter: getUpdates refused', () => {
  it('waits out 409 Conflict with a growing, bounded backoff, logs it once, then answers commands again', async () => {
    const fatal = fatalCatcher();
    const { fake, logger } = await start({ onFatal: fatal.onFatal }, (telegram) => telegram.failNext('getUpdates', { code: 409 }, CONFLICTS));
    // Polling goes on after the conflicts: a long poll after the last 409, which the fake holds.
    const polls = await fake.waitFor(() => {
      const calls = fake.callsTo('getUpdates');
      return calls.length > CONFLICTS && calls[CONFLICTS]!.status === 0 ? calls : undefined;
    }, 10_000, 'a long poll after the conflicts');
    expect(polls.slice(0, CONFLICTS).map((call) => call.status)).toEqual(Array(CONFLICTS).fill(409));
    // Each retry waits at least twice as long as the one before (20, 40, 80, 160 ms), up to the maximum.
    const gaps = polls.slice(1, CONFLICTS + 1).map((call, i) => call.at - polls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF.min);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(Math.min(BACKOFF.max, BACKOFF.min * 2 ** i));
    const conflictLogs = logger.entries.filter((entry) => /409 Conflict/.test(entry.message ?? ''));
    expect(conflictLogs).toHaveLength(1);
    expect(conflictLogs[0]!.level).toBe('warn');

    const student = person(8101, { languageCode: 'en' });
    fake.pushPrivateMessage(student, '/explain attention');
    const sent = await fake.waitForCall((call) => call.method === 'sendMessage' && call.status === 200, 10_000);
    expect(String(sent.params['text'])).toMatch(/attention/i);
    expect(fatal.reasons).toEqual([]);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('stops at once when asked during a conflict backoff, polling no more', async () => {
    const { fake, adapter } = await start({ conflictBackoffMs: { min: 20_000, max: 20_000 } }, (telegram) => telegram.failNext('getUpdates', { code: 409 }, 1));
    await fake.waitFor(() => fake.callsTo('getUpdates')[0]?.status === 409 || undefined, 5_000, 'the 409');
    const started = Date.now();
    await adapter.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    // No long poll after the 409 (telegraf may still confirm the offset with a short `limit: 1` call).
    expect(fake.callsTo('getUpdates').filter((call) => Number(call.params['timeout'] ?? 0) > 0)).toHaveLength(1);
  });

  it('reports a revoked token (401 on getUpdates) through onFatal, without the token, and stops polling', async () => {
    const fatal = fatalCatcher();
    const { fake } = await start({ onFatal: fatal.onFatal });
    await fake.waitForHeldPoll();
    fake.revokeToken();
    expect(await fatal.first(5_000)).toBe(TELEGRAM_TOKEN_REFUSED);
    expect(fatal.reasons).toHaveLength(1);
    expect(fatal.reasons[0]).toMatch(/refused the bot token/);
    expect(fatal.reasons[0]).not.toContain(fake.token);
    expect(fake.callsTo('getUpdates').at(-1)!.status).toBe(401);
  });

  it('says the token was refused when getMe answers 401 at start', async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.close());
    fake.revokeToken();
    const logger = new RecordingLogger();
    const edge = await startRigEdge({ outbox: 'outbox-telegram-faults-edge', model: slowModelKit(), logger });
    cleanup.push(() => edge.close());
    const adapter = new TelegramAdapter(edge.runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger });
    await expect(adapter.start()).rejects.toThrow(TELEGRAM_TOKEN_REFUSED);
  });
});
