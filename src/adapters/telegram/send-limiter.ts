/**
 * Keeps the bot inside Telegram's flood limits: about 30 messages a second overall, about one a second per chat, and
 * at most 20 a minute in a group. Messages wait their turn — a burst is delayed, never dropped — and go out in order
 * per chat. A 429 answer pauses that chat for its `retry_after` and the same message is tried again first.
 *
 * Spacing and windows count from when Telegram ANSWERED a message (a send in flight counts as taking a slot now):
 * network delay can bunch requests up on their way, but never by more than that, so Telegram sees the limits kept.
 *
 * Every request that changes a chat counts — edits too: Telegram's group limit is stated for messages, but a flood
 * of edits is answered with 429 all the same. Best-effort edits (a live "12 answered" counter, streamed text) are
 * `deferrable`: they go after any waiting message of that chat, and in a group only while the window has room to
 * spare (`groupDeferrableMax` of `groupMax`), so a quiz's next question or reveal always finds a free slot.
 *
 * With several bot replicas each limiter also takes a slot from a shared budget (replica-state.ts) before a message
 * goes: the limits are the bot's, not each process's. A budget that cannot be reached (Redis away) does not stop
 * sending: the local limits still hold.
 */
import type { BudgetLimits, SendBudget } from '../chat/replica-state.js';

export interface SendLimits extends BudgetLimits {
  /** Messages per `globalWindowMs` across all chats. */
  globalMax: number;
  globalWindowMs: number;
  /** Least time between two messages to one chat. */
  chatSpacingMs: number;
  /** Messages per `groupWindowMs` in one group. */
  groupMax: number;
  groupWindowMs: number;
  /** Deferrable edits wait while a group's window already holds this many (default: groupMax). */
  groupDeferrableMax?: number;
}

export const TELEGRAM_SEND_LIMITS: SendLimits = {
  globalMax: 30,
  globalWindowMs: 1_000,
  chatSpacingMs: 1_000,
  groupMax: 20,
  groupWindowMs: 60_000,
  // Keeps 5 of the 20 for messages that must not wait: a question's close, its reveal, the leaderboard, the next one.
  groupDeferrableMax: 15,
};

export interface ScheduleOptions {
  /** A best-effort edit: goes after waiting messages, and in a group only while the window has room to spare. */
  deferrable?: boolean;
}

/** A 429 is retried this many times for one message before the error goes to the caller (the outbox retries). */
const MAX_FLOOD_RETRIES = 5;

export interface LimiterClock {
  now(): number;
  setTimer(callback: () => void, ms: number): { cancel(): void };
}

export const REAL_LIMITER_CLOCK: LimiterClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

interface Task {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  floodRetries: number;
  deferrable: boolean;
}

interface ChatLane {
  group: boolean;
  tasks: Task[];
  busy: boolean;
  /** Earliest time the next message may go (spacing, or a 429's retry_after). */
  nextAt: number;
  /** Send times within the group window (groups only). */
  recent: number[];
}

export class SendLimiter {
  private readonly lanes = new Map<string, ChatLane>();
  /** When Telegram answered recent messages (within the global window). */
  private readonly globalRecent: number[] = [];
  private inFlight = 0;
  private timer: { cancel(): void } | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly limits: SendLimits = TELEGRAM_SEND_LIMITS,
    /** How long to pause after a refusal: the `retry_after` milliseconds, or undefined for errors that are not 429. */
    private readonly floodWaitMs: (error: unknown) => number | undefined = () => undefined,
    private readonly clock: LimiterClock = REAL_LIMITER_CLOCK,
    private readonly budget?: SendBudget,
  ) {}

  /** Runs `send` when the chat's and the bot's limits allow; resolves with its result. */
  schedule<T>(chatId: string, group: boolean, send: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    const lane = this.lanes.get(chatId) ?? { group, tasks: [], busy: false, nextAt: 0, recent: [] };
    this.lanes.set(chatId, lane);
    return new Promise<T>((resolve, reject) => {
      const task: Task = { run: send, resolve: resolve as (value: unknown) => void, reject, floodRetries: 0, deferrable: options.deferrable === true };
      // A message goes before the best-effort edits waiting in its chat (they only refresh what is already there).
      const firstDeferrable = task.deferrable ? -1 : lane.tasks.findIndex((waiting) => waiting.deferrable);
      if (firstDeferrable === -1) lane.tasks.push(task);
      else lane.tasks.splice(firstDeferrable, 0, task);
      this.pump();
    });
  }

  /** Messages waiting or in flight (for tests and shutdown). */
  get pending(): number {
    let count = 0;
    for (const lane of this.lanes.values()) count += lane.tasks.length + (lane.busy ? 1 : 0);
    return count;
  }

  private pump(): void {
    const now = this.clock.now();
    prune(this.globalRecent, now - this.limits.globalWindowMs);
    let earliest = Number.POSITIVE_INFINITY;
    for (const [chatId, lane] of this.lanes) {
      if (lane.busy) continue;
      if (lane.tasks.length === 0) {
        // An idle chat is forgotten once nothing it sent still counts against it.
        prune(lane.recent, now - this.limits.groupWindowMs);
        if (lane.nextAt <= now && lane.recent.length === 0) this.lanes.delete(chatId);
        continue;
      }
      const readyAt = Math.max(this.laneReadyAt(lane, now), this.globalReadyAt());
      if (readyAt > now) {
        if (readyAt !== Number.POSITIVE_INFINITY) earliest = Math.min(earliest, readyAt);
        continue;
      }
      this.start(lane, chatId);
    }
    if (earliest !== Number.POSITIVE_INFINITY) this.wakeAt(earliest);
  }

  private laneReadyAt(lane: ChatLane, now: number): number {
    if (!lane.group) return lane.nextAt;
    prune(lane.recent, now - this.limits.groupWindowMs);
    const max = lane.tasks[0]?.deferrable ? Math.min(this.limits.groupMax, this.limits.groupDeferrableMax ?? this.limits.groupMax) : this.limits.groupMax;
    // The window frees a slot when its oldest send within the last `max` leaves it.
    const windowFull = lane.recent.length >= max ? lane.recent[lane.recent.length - max]! + this.limits.groupWindowMs : 0;
    return Math.max(lane.nextAt, windowFull);
  }

  /** Infinity while the window is full of sends still in flight: their answers will pump again. */
  private globalReadyAt(): number {
    if (this.globalRecent.length + this.inFlight < this.limits.globalMax) return 0;
    const oldest = this.globalRecent[0];
    return oldest === undefined ? Number.POSITIVE_INFINITY : oldest + this.limits.globalWindowMs;
  }

  private start(lane: ChatLane, chatId: string): void {
    if (this.budget) return this.startWithBudget(lane, chatId, this.budget);
    this.run(lane, chatId, lane.tasks.shift()!);
  }

  /** Asks the shared budget first: granted, the message goes; told to wait, the chat waits that long and asks again. */
  private startWithBudget(lane: ChatLane, chatId: string, budget: SendBudget): void {
    const task = lane.tasks.shift()!;
    lane.busy = true;
    this.inFlight += 1;
    budget.reserve(chatId, lane.group, task.deferrable).catch(() => ({ slot: undefined })).then((granted) => {
      lane.busy = false;
      this.inFlight -= 1;
      if ('slot' in granted) return this.run(lane, chatId, task, granted.slot);
      lane.nextAt = Math.max(lane.nextAt, this.clock.now() + granted.waitMs);
      lane.tasks.unshift(task);
      this.pump();
    });
  }

  /** `slot`: the shared budget's slot this send took (undefined without one, or with the budget out of reach). */
  private run(lane: ChatLane, chatId: string, task: Task, slot?: string): void {
    lane.busy = true;
    this.inFlight += 1;
    const answered = () => {
      if (slot !== undefined) void this.budget?.answered(chatId, lane.group, slot).catch(() => undefined);
      const at = this.clock.now();
      lane.busy = false;
      this.inFlight -= 1;
      lane.nextAt = Math.max(lane.nextAt, at + this.limits.chatSpacingMs);
      if (lane.group) lane.recent.push(at);
      this.globalRecent.push(at);
    };
    task.run().then(
      (value) => {
        answered();
        task.resolve(value);
        this.pump();
      },
      (error: unknown) => {
        answered();
        const waitMs = this.floodWaitMs(error);
        if (waitMs !== undefined && task.floodRetries < MAX_FLOOD_RETRIES) {
          // Telegram said "too many": this chat waits as long as it was told, then the same message goes first.
          task.floodRetries += 1;
          lane.nextAt = Math.max(lane.nextAt, this.clock.now() + waitMs);
          // Every replica holds this chat back, not only the one told.
          void this.budget?.pause(chatId, waitMs).catch(() => undefined);
          lane.tasks.unshift(task);
        } else {
          task.reject(error);
        }
        this.pump();
      },
    );
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, Math.max(0, at - this.clock.now()));
  }
}

/** Drops the times before `since` from the front of a time-ordered list. */
function prune(times: number[], since: number): void {
  while (times.length > 0 && times[0]! <= since) times.shift();
}
