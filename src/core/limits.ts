import type { QueueName } from './command.js';
import type { RateRule } from './ports.js';

/**
 * Per-user rate limits on chat platforms, by the queue a command runs on. Lessons are cheap: 20 at once and one a
 * second after that, so only floods are refused; the model is expensive: 3 at once, then one every 20 s.
 * The terminal's single local user is exempt.
 */
export const RATE_RULES: Record<QueueName, RateRule> = {
  fast: { capacity: 20, refillMs: 1_000 },
  model: { capacity: 3, refillMs: 20_000 },
};

/** In a group one person may not spend the group's message budget: 5 lessons at once, then one every 3 s. */
export const GROUP_RATE_RULES: Record<QueueName, RateRule> = {
  fast: { capacity: 5, refillMs: 3_000 },
  model: { capacity: 3, refillMs: 20_000 },
};

/**
 * Refusals said in front of a group (Telegram cannot answer a typed command privately): once per person a minute, and
 * at most 3 per group a minute — a flood of refused commands costs the group's budget at most that.
 */
export const REFUSAL_RULES = {
  person: { capacity: 1, refillMs: 60_000 },
  group: { capacity: 3, refillMs: 20_000 },
} as const satisfies Record<string, RateRule>;

/** Files a person may send per window (a teacher's question file, fixed and sent again): checked before downloading. */
export const UPLOAD_RATE_RULE: RateRule = { capacity: 5, refillMs: 60_000 };

/** With more jobs than this waiting, the user hears their place in line. */
export const QUEUE_NOTICE_DEPTH: Record<QueueName, number> = { fast: 50, model: 2 };

/** With this many jobs waiting, a new command is refused with "busy, try again in a minute". */
export const QUEUE_BUSY_DEPTH: Record<QueueName, number> = { fast: 5_000, model: 60 };
