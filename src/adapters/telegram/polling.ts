/**
 * Long polling (getUpdates) until stopped. telegraf retries network errors, 429 and 5xx itself but gives up on 401
 * and 409: a 409 (another poller for this token) is waited out with backoff, a 401 or any other refusal of getUpdates
 * is fatal — the process must not stay up deaf. With several bot replicas a lease (replica-state.ts) picks the one
 * that polls; the others stand by and take over when it dies or stops.
 */
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../core/ports.js';
import type { Lease } from '../chat/replica-state.js';
import { describeTelegramError, telegramCode } from './errors.js';

/**
 * Another getUpdates poller for this token (a deploy overlap, a second copy) gets 409 Conflict: polling is retried
 * with exponential backoff between these bounds. A streak ends once polling has lasted the maximum without a 409.
 */
export const TELEGRAM_CONFLICT_BACKOFF_MIN_MS = 1_000;
export const TELEGRAM_CONFLICT_BACKOFF_MAX_MS = 30_000;
/** What a fatal stop says when Telegram refuses the token (401): revoked, or replaced in BotFather. */
export const TELEGRAM_TOKEN_REFUSED = 'Telegram refused the bot token (401 Unauthorized): it was revoked or is wrong; set TELEGRAM_TOKEN to the token BotFather shows now';
/** How long stop() repeats itself while a poller may still be starting. */
const STOP_BOUND_MS = 5_000;
const STOP_RETRY_MS = 50;

export interface PollingOptions {
  logger: Logger;
  conflictBackoffMs?: { min: number; max: number } | undefined;
  /** One replica polls at a time (with Redis and replicas); without, this process polls. */
  lease?: Lease | undefined;
  /** Polling stopped for good: the reason, one line without the token. */
  fatal: (reason: string) => void;
}

/** What /healthz reads. */
export interface PollingState {
  alive: boolean;
  /** Waiting out a 409 from another poller. */
  conflict: boolean;
  /** Alive, but another replica holds the polling lease: this one takes over when that one stops. */
  standingBy: boolean;
}

export class TelegramPolling {
  private loop: Promise<void> | undefined;
  private ended = false;
  private stopping = false;
  private standingBy = false;
  private leaseLost = false;
  /** Ends a conflict backoff early when stop() is called. */
  private wakeBackoff: (() => void) | undefined;
  private readonly stopped = new AbortController();

  constructor(
    private readonly bot: Telegraf,
    private readonly options: PollingOptions,
  ) {}

  start(): void {
    this.loop = this.poll().finally(() => (this.ended = true));
  }

  get state(): PollingState {
    return { alive: this.loop !== undefined && !this.ended, conflict: this.wakeBackoff !== undefined, standingBy: this.standingBy };
  }

  private async poll(): Promise<void> {
    const backoff = this.options.conflictBackoffMs ?? { min: TELEGRAM_CONFLICT_BACKOFF_MIN_MS, max: TELEGRAM_CONFLICT_BACKOFF_MAX_MS };
    const lease = this.options.lease;
    let delayMs = 0;
    let leaseHeld = false;
    while (!this.stopping) {
      if (lease && !leaseHeld) {
        if (!(await this.takeLease(lease))) return;
        leaseHeld = true;
      }
      const startedAt = Date.now();
      try {
        await this.bot.launch();
        if (!this.leaseLost) return; // stop() ended it
        this.leaseLost = false;
        leaseHeld = false;
        this.options.logger.warn({}, 'telegram: another replica took the polling lease; standing by');
      } catch (error) {
        if (this.stopping) return;
        const code = telegramCode(error);
        if (code !== 409) return this.options.fatal(code === 401 ? TELEGRAM_TOKEN_REFUSED : `Telegram refused getUpdates (${describeTelegramError(error)}); polling cannot go on`);
        // Polling that lasted the longest backoff since the last 409 ended that streak: start over, and say so again.
        if (delayMs === 0 || Date.now() - startedAt >= backoff.max) {
          delayMs = backoff.min;
          this.options.logger.warn({ reason: describeTelegramError(error), retryMs: delayMs, maxRetryMs: backoff.max }, 'telegram: another poller holds this bot (409 Conflict); retrying with backoff until it stops');
        } else {
          delayMs = Math.min(backoff.max, delayMs * 2);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wakeBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeBackoff = undefined;
      }
    }
  }

  /** Waits until this replica may poll (another one polls meanwhile); false when stopped first. */
  private async takeLease(lease: Lease): Promise<boolean> {
    this.standingBy = true;
    this.options.logger.info({}, 'telegram: waiting for the polling lease (one replica polls at a time)');
    lease.onLost(() => {
      this.leaseLost = true;
      this.stopBot('polling lease lost');
    });
    const held = await lease.acquire(this.stopped.signal);
    this.standingBy = false;
    if (held) this.options.logger.info({}, 'telegram: polling lease taken; polling');
    return held;
  }

  /** Ends polling; resolves once the loop has ended (bounded) and the lease is free for the next replica. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeBackoff?.();
    this.stopped.abort();
    // launch() starts its poller only after a deleteWebhook round trip: a stop in that window finds none (or the
    // last one, already ended), so it is repeated until the polling loop has ended.
    const stopBy = Date.now() + STOP_BOUND_MS;
    do {
      this.stopBot('shutdown');
      if (this.loop) await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, STOP_RETRY_MS))]);
    } while (this.loop !== undefined && !this.ended && Date.now() < stopBy);
    // The next replica may poll now, not a lease TTL later.
    await this.options.lease?.release();
  }

  private stopBot(reason: string): void {
    try {
      this.bot.stop(reason);
    } catch {
      // not polling (yet)
    }
  }
}
