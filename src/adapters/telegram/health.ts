/** What `/healthz` and `/metrics` read of the Telegram adapter: whether it receives updates, and the 429s it gets. */
import type { Server } from 'node:http';
import type { Telegraf, Telegram } from 'telegraf';
import type { ComponentHealth } from '../../core/ports.js';
import { telegramCode } from './errors.js';

export interface PollingLoop {
  stopping: boolean;
  /** poll() was started and has not returned (it returns on stop() and on a fatal refusal). */
  alive: boolean;
  /** Waiting out a 409 Conflict (another poller holds the token): updates go to the other one meanwhile. */
  conflict: boolean;
  /** Waiting for the polling lease another replica holds: a healthy replica, ready to take over. */
  standingBy?: boolean;
}

export function telegramHealth(bot: Telegraf, mode: 'webhook' | 'polling', loop: PollingLoop): ComponentHealth {
  if (loop.stopping) return { ok: false, state: 'stopped' };
  if (mode === 'webhook') {
    // telegraf keeps its webhook server private; it is the real thing to ask (a port taken makes it fail to listen).
    const server = (bot as unknown as { webhookServer?: Server }).webhookServer;
    return server?.listening ? { ok: true, state: 'webhook listening' } : { ok: false, state: 'webhook not listening' };
  }
  if (!loop.alive) return { ok: false, state: 'not polling' };
  if (loop.standingBy) return { ok: true, state: 'standing by (another replica polls)' };
  return loop.conflict ? { ok: false, state: 'another poller holds the bot (409), retrying' } : { ok: true, state: 'polling' };
}

/**
 * Calls `onRateLimited` for every 429 Telegram answers to this client (sends, edits, getUpdates: all go through
 * callApi). telegraf has no hook for it, so callApi is wrapped; the sender still sees the error and waits it out.
 */
export function countRateLimits(telegram: Telegram, onRateLimited: () => void): void {
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = (async (...args: Parameters<typeof callApi>) => {
    try {
      return await callApi(...args);
    } catch (error) {
      if (telegramCode(error) === 429) onRateLimited();
      throw error;
    }
  }) as typeof telegram.callApi;
}
