/**
 * What several bot replicas (or one bot after a restart) must share to behave as one bot. Each chat adapter works
 * without these (one process: its memory is enough); with Redis, src/state/ implements them and src/main hands them
 * to the adapters. Adapters see only these interfaces, never a Redis client.
 */

/** One reply's stream as every replica sees it: what the reply's message shows, and where its stream stands. */
export interface SharedStream {
  /** The adapter's own record (message ids, parts sent), as JSON-safe data. */
  state?: unknown;
  /** When the last step ran (ms since the epoch): the next replica's step keeps the platform's edit interval. */
  lastStepAt: number;
  /** The highest update order shown: an older update reaching another replica late is not shown over a newer one. */
  order: number;
  /** The final reply went out: updates arriving after it start nothing. */
  finished: boolean;
}

/** Where replies' streams are kept, and the lock that puts one reply's steps in order across processes. */
export interface StreamLedger {
  /**
   * Runs `work` holding the reply's lock (no other replica runs a step of this reply meanwhile), with its stored
   * stream; `work` returns what to store. Resolves undefined, without running `work`, when the lock was not free
   * within `waitMs`.
   */
  exclusive(key: string, waitMs: number, work: (stored: SharedStream | undefined) => Promise<SharedStream>): Promise<{ ran: boolean }>;
}

/**
 * A platform's send budget shared by every replica (Telegram: ~30 messages a second per bot, one a second per chat,
 * 20 a minute per group). `reserve` takes a slot now (counted from now while the send is on its way), or says how
 * many ms to wait before asking again; `answered` counts the slot from when the platform answered, as the local
 * limiter does (network delay can bunch requests up, never by more than that); `pause` holds a chat back after a 429.
 */
export interface SendBudget {
  reserve(chatId: string, group: boolean, deferrable: boolean): Promise<{ waitMs: number } | { slot: string }>;
  answered(chatId: string, group: boolean, slot: string): Promise<void>;
  pause(chatId: string, ms: number): Promise<void>;
}

/**
 * Updates handled by some replica (Telegram retries a webhook delivery until it gets a 2xx; a new poller fetches
 * again what a killed one had fetched but not confirmed). `begin` says 'mine' (handle it, then call `done`),
 * 'repeat' (handled already) or 'busy' (another replica is handling it now; ask again: if that one died, its claim
 * expires and the update becomes 'mine').
 */
export interface UpdateLog {
  begin(updateId: number): Promise<'mine' | 'repeat' | 'busy'>;
  done(updateId: number): Promise<void>;
}

/** A lease only one replica holds at a time (Telegram allows one getUpdates poller per bot). */
export interface Lease {
  /** Resolves once held (waiting while another replica holds it), or false when `abort` was called first. */
  acquire(abort: AbortSignal): Promise<boolean>;
  /** Called when a renewal found the lease taken by another replica (this one stalled past its TTL). */
  onLost(callback: () => void): void;
  release(): Promise<void>;
}

/** Limits a shared budget counts (Telegram's, in send-limiter.ts). */
export interface BudgetLimits {
  globalMax: number;
  globalWindowMs: number;
  chatSpacingMs: number;
  groupMax: number;
  groupWindowMs: number;
  groupDeferrableMax?: number;
}

/** What a replica's adapters share with the other replicas; undefined parts are kept in memory. */
export interface ReplicaState {
  streams?: StreamLedger;
  /** The budget for the limits the adapter's sender keeps. */
  telegramBudget?: (limits: BudgetLimits) => SendBudget;
  telegramUpdates?: UpdateLog;
  telegramPolling?: Lease;
}
