import { randomBytes } from 'node:crypto';
import type { Lease } from '../../adapters/chat/replica-state.js';
import type { RedisClient } from '../../queue/redis-connection.js';
import { RELEASE_IF_HOLDER, RENEW_OR_RETAKE } from './lock-scripts.js';

/** How soon a dead holder's lease is free for another replica. */
export const LEASE_TTL_MS = 15_000;
/** Renewed well within the TTL; a waiting replica asks again this often. */
export const LEASE_RENEW_MS = 5_000;
export const LEASE_RETRY_MS = 2_000;

export interface LeaseTimings {
  ttlMs: number;
  renewMs: number;
  retryMs: number;
}

/** A lease in Redis (SET NX PX, renewed by its holder): one replica holds it; the others wait to take over. */
export class RedisLease implements Lease {
  private readonly holder = `${process.pid}-${randomBytes(8).toString('hex')}`;
  private renewal: NodeJS.Timeout | undefined;
  private lost: (() => void) | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly timings: LeaseTimings = { ttlMs: LEASE_TTL_MS, renewMs: LEASE_RENEW_MS, retryMs: LEASE_RETRY_MS },
  ) {}

  async acquire(abort: AbortSignal): Promise<boolean> {
    while (!abort.aborted) {
      const taken = await this.redis.set(this.key, this.holder, 'PX', this.timings.ttlMs, 'NX').catch(() => null);
      if (taken === 'OK') {
        this.renewal = setInterval(() => this.renew(), this.timings.renewMs);
        return true;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        // Removed each round: a replica standing by for days must not pile up listeners.
        const timer = setTimeout(() => {
          abort.removeEventListener('abort', wake);
          resolve();
        }, this.timings.retryMs);
        abort.addEventListener('abort', wake, { once: true });
      });
    }
    return false;
  }

  onLost(callback: () => void): void {
    this.lost = callback;
  }

  private renew(): void {
    this.redis
      .eval(RENEW_OR_RETAKE, 1, this.key, this.holder, this.timings.ttlMs)
      .then((kept) => {
        if (kept === 1) return;
        clearInterval(this.renewal);
        this.renewal = undefined;
        this.lost?.();
      })
      // Redis away for a moment: the next renewal tries again (the lease outlives a few misses).
      .catch(() => undefined);
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    this.renewal = undefined;
    await this.redis.eval(RELEASE_IF_HOLDER, 1, this.key, this.holder).catch(() => undefined);
  }
}
