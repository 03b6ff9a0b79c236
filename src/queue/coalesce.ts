import type { Reply } from '../core/reply.js';

/** Streamed text reaches the adapter at most this often: never one Redis event per token. */
export const UPDATE_INTERVAL_MS = 500;

/**
 * Coalesces a job's updates: the first goes out at once, later ones at most once per interval, and only the newest
 * of those waiting (each update carries the whole text so far). `stop()` drops what is pending: the final reply
 * supersedes it.
 */
export class UpdateCoalescer {
  private pending: Reply | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private sequence = 0;
  private stopped = false;

  constructor(
    private readonly send: (update: Reply, sequence: number) => Promise<void>,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  readonly report = (update: Reply): void => {
    if (this.stopped) return;
    this.pending = update;
    if (this.timer) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  };

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const update = this.pending;
    if (!update || this.stopped) return;
    this.pending = undefined;
    this.lastSentAt = this.now();
    this.sequence += 1;
    // Best effort: a lost update is replaced by the next one or by the final reply.
    this.send(update, this.sequence).catch(() => undefined);
  }
}
