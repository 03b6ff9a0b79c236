/**
 * Paces the messages of streamed replies. A reply arrives as updates (streamed text, a place-in-line notice) and one
 * final delivery, all for one correlation id. Platforms limit how often a message may be edited, so per stream:
 * updates coalesce (the latest wins, older ones are dropped), steps run no faster than the interval and never two at
 * once, and the final always runs — after the step in flight and the rest of the interval — and ends the stream.
 * Each step gets the state the previous one returned (typically the id of the message to edit).
 *
 * With a ledger (several bot replicas, or a restart mid-reply), the state, the interval and "finished" live there,
 * and each step runs holding the reply's lock: whichever replica gets the next delivery edits the same message, no
 * faster than the interval, never with older text than a newer update already showed.
 */
import type { SharedStream, StreamLedger } from './replica-state.js';

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
  /** Shared streams (replica-state.ts); the state must then survive `encode` → JSON → `decode`. */
  ledger?: StreamLedger;
  encode?: (state: unknown) => unknown;
  decode?: (stored: unknown) => unknown;
}

/** How long an update waits for another replica's step of the same reply before it is dropped (best effort). */
export const LEDGER_UPDATE_WAIT_MS = 5_000;
/** How long a final waits for the reply's lock before failing (its outbox retries it with backoff). */
export const LEDGER_FINAL_WAIT_MS = 30_000;

// How long a finished stream is remembered, so an update that overtook nothing but arrives late (outbox jobs run
// concurrently) cannot start a second message after the final one.
const FINISHED_MEMORY_MS = 15 * 60 * 1000;
// A stream whose final never came (its adapter restarted mid-job) is forgotten after this long without a step.
const IDLE_STREAM_MS = 30 * 60 * 1000;

interface Pending<S> {
  step: StreamStep<S>;
  final: boolean;
  intervalMs: number;
  /** Updates: their place in the reply (delivery ids count up); a lower one than already shown is stale. */
  order?: number | undefined;
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
  update(key: string, intervalMs: number, step: StreamStep<S>, order?: number): Promise<void> {
    if (this.finished.has(key)) return Promise.resolve();
    return this.schedule(key, { step, final: false, intervalMs, order });
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
        const outcome = this.options.ledger ? await this.sharedStep(key, next) : 'local';
        if (outcome === 'local') stream.state = await next.step(stream.state);
        stream.lastStepAt = this.clock.now();
        next.resolve();
        if (next.final || outcome === 'finished') {
          // Whatever came in meanwhile is done with: the reply's final went out.
          // (The step awaited: `pending` may have been set meanwhile, whatever the compiler's narrowing says.)
          (stream.pending as Pending<S> | undefined)?.resolve();
          stream.pending = undefined;
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

  /**
   * One step under the reply's lock, on the shared stream: skipped when the reply is finished or the update is older
   * than one shown; waits out the interval since the last step of any replica. A final step that fails stores what
   * it did (the parts it sent) before it rethrows, so a retry elsewhere resumes there.
   */
  private async sharedStep(key: string, next: Pending<S>): Promise<'ran' | 'finished' | 'skipped'> {
    const { ledger, encode = (state) => state, decode = (stored) => stored } = this.options;
    let outcome: 'ran' | 'finished' | 'skipped' = 'skipped';
    let failure: { error: unknown } | undefined;
    const { ran } = await ledger!.exclusive(key, next.final ? LEDGER_FINAL_WAIT_MS : LEDGER_UPDATE_WAIT_MS, async (stored) => {
      const shared: SharedStream = stored ?? { lastStepAt: 0, order: 0, finished: false };
      if (shared.finished) {
        outcome = 'finished';
        return shared;
      }
      if (!next.final && next.order !== undefined && next.order <= shared.order) return shared;
      const waitMs = shared.lastStepAt + next.intervalMs - this.clock.now();
      if (waitMs > 0) await this.clock.sleep(waitMs);
      const state = decode(shared.state) as S | undefined;
      try {
        const after = await next.step(state);
        outcome = next.final ? 'finished' : 'ran';
        return { state: encode(after), lastStepAt: this.clock.now(), order: Math.max(shared.order, next.order ?? 0), finished: next.final };
      } catch (error) {
        failure = { error };
        // The step may have changed its state in place (a final's parts sent so far): that is what happened.
        return { ...shared, state: state === undefined ? shared.state : encode(state), lastStepAt: this.clock.now() };
      }
    });
    if (failure) throw (failure as { error: unknown }).error;
    if (!ran && next.final) throw new Error('the reply is being sent by another replica; retrying');
    return outcome;
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
