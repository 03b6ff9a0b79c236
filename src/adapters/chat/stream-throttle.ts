/**
 * Paces the messages of streamed replies. A reply arrives as updates (streamed text, a place-in-line notice) and one
 * final delivery, all for one correlation id. Platforms limit how often a message may be edited, so per stream:
 * updates coalesce (the latest wins, older ones are dropped), steps run no faster than the interval and never two at
 * once, and the final always runs — after the step in flight and the rest of the interval — and ends the stream.
 * Each step gets the state the previous one returned (typically the id of the message to edit).
 */

export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: ThrottleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type StreamStep<S> = (state: S | undefined) => Promise<S | undefined>;

export interface StreamThrottleOptions {
  clock?: ThrottleClock;
  /** Updates are best effort: a failed one is reported here and the stream goes on. */
  onUpdateError?: (error: unknown, key: string) => void;
}

// How long a finished stream is remembered, so an update that overtook nothing but arrives late (outbox jobs run
// concurrently) cannot start a second message after the final one.
const FINISHED_MEMORY_MS = 15 * 60 * 1000;
// A stream whose final never came (its adapter restarted mid-job) is forgotten after this long without a step.
const IDLE_STREAM_MS = 30 * 60 * 1000;

interface Pending<S> {
  step: StreamStep<S>;
  final: boolean;
  intervalMs: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Stream<S> {
  state: S | undefined;
  lastStepAt: number;
  running: boolean;
  pending: Pending<S> | undefined;
}

export class StreamThrottle<S> {
  private readonly streams = new Map<string, Stream<S>>();
  private readonly finished = new Map<string, number>();
  private readonly clock: ThrottleClock;

  constructor(private readonly options: StreamThrottleOptions = {}) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** Best effort: resolves once the step ran, was superseded by a newer one, or came after the final. */
  update(key: string, intervalMs: number, step: StreamStep<S>): Promise<void> {
    if (this.finished.has(key)) return Promise.resolve();
    return this.schedule(key, { step, final: false, intervalMs });
  }

  /** Always runs; rejects when the step fails (the caller's queue retries it, and the stream's state is kept). */
  final(key: string, intervalMs: number, step: StreamStep<S>): Promise<void> {
    if (this.finished.has(key)) return Promise.resolve();
    return this.schedule(key, { step, final: true, intervalMs });
  }

  /** Streams in progress (for tests and shutdown). */
  get active(): number {
    return this.streams.size;
  }

  private schedule(key: string, entry: Omit<Pending<S>, 'resolve' | 'reject'>): Promise<void> {
    const stream = this.streams.get(key) ?? this.open(key);
    const waiting = stream.pending;
    if (waiting?.final && !entry.final) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      // A newer update supersedes a waiting one; a final supersedes a waiting update (its text is newer).
      waiting?.resolve();
      stream.pending = { ...entry, resolve, reject };
      if (!stream.running) void this.drain(key, stream);
    });
  }

  private open(key: string): Stream<S> {
    this.forgetOld();
    const stream: Stream<S> = { state: undefined, lastStepAt: Number.NEGATIVE_INFINITY, running: false, pending: undefined };
    this.streams.set(key, stream);
    return stream;
  }

  private async drain(key: string, stream: Stream<S>): Promise<void> {
    stream.running = true;
    while (stream.pending) {
      const waitMs = stream.lastStepAt + stream.pending.intervalMs - this.clock.now();
      if (waitMs > 0) {
        await this.clock.sleep(waitMs);
        continue; // A newer entry may have arrived meanwhile: look again.
      }
      const next = stream.pending;
      stream.pending = undefined;
      try {
        stream.state = await next.step(stream.state);
        stream.lastStepAt = this.clock.now();
        next.resolve();
        if (next.final) {
          this.streams.delete(key);
          this.finished.set(key, this.clock.now());
          break;
        }
      } catch (error) {
        stream.lastStepAt = this.clock.now();
        if (next.final) next.reject(error);
        else {
          this.options.onUpdateError?.(error, key);
          next.resolve();
        }
      }
    }
    stream.running = false;
  }

  private forgetOld(): void {
    const now = this.clock.now();
    for (const [key, at] of this.finished) {
      if (now - at < FINISHED_MEMORY_MS) break; // Insertion order is finishing order.
      this.finished.delete(key);
    }
    for (const [key, stream] of this.streams) {
      if (!stream.running && !stream.pending && now - stream.lastStepAt > IDLE_STREAM_MS) this.streams.delete(key);
    }
  }
}
