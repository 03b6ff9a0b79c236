/**
 * bench:scale's memory figures. One soak: an edge runtime (as a bot builds it) and BullMQ workers on the real
 * processor, in this process, on a redis-server of the soak's own (used_memory is the whole server's); 20,000 cheap
 * commands (/explain of curated topics, every 10th /help, every 10th a /lang) from 1,000 Telegram users (rate limits
 * apply), 64 at a time, each read back to its final reply. used_memory is read with the queues drained and SETTLE_MS
 * later, after 2,000 and after 20,000 commands. Run twice:
 * - with each final's "answered once" mark kept MARK_TTL_SCALED_MS instead of an hour, so the readings show what the
 *   commands left once their marks expired: `soak_growth_ratio`; then 1,000 new users send 2 commands each:
 *   `bytes_per_active_user`;
 * - with the marks kept for DELIVERED_MARK_TTL_MS as in production, which no bench run outlasts, so they pile up one
 *   per command: `bytes_per_1000_commands`, what production holds per 1,000 commands of the last hour.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { createJobProcessor } from '../../src/core/processor.js';
import type { Asker } from '../../src/core/tutor.js';
import { createRuntime } from '../../src/main/runtime.js';
import { createServices } from '../../src/main/create-services.js';
import { BullWorkers } from '../../src/queue/bullmq.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { DELIVERED_MARK_TTL_MS } from '../../src/queue/settings.js';
import { RedisStore } from '../../src/state/redis.js';
import { round } from './queue-workload.js';
import { startScaleRedis } from './scale-redis.js';

export const SOAK_COMMANDS = Number(process.env['BENCH_SOAK_COMMANDS'] ?? 20_000);
export const SOAK_CHECKPOINT = Math.min(2_000, SOAK_COMMANDS / 2);
export const SOAK_USERS = 1_000;
const LANES = 64;
export const MARK_TTL_SCALED_MS = 2_000;
/** Memory is read once the scaled marks expired and Redis shrank the idle clients' query buffers (idle 2 s). */
const SETTLE_MS = MARK_TTL_SCALED_MS + 2_000;
const OUTBOX = 'outbox-scale';
const QUEUES = ['fast', 'model', OUTBOX];
const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling', 'qkv', 'rlhf'];
const PREFIX = `bench-scale-${process.pid}`;
const silent = pino({ level: 'warn' }, pino.destination(2));

const asker = (user: number): Asker => ({ user: { id: `scale-${user}`, displayName: 'Student' }, chat: { id: `scale-${user}`, kind: 'private' }, platform: 'telegram' });
const lineOf = (i: number) => (i % 10 === 0 ? '/help' : i % 10 === 5 ? `/lang ${i % 20 === 5 ? 'zh' : 'en'}` : `/explain ${TOPICS[i % TOPICS.length]}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function usedMemory(redis: RedisClient): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1]);
}

async function countKeys(redis: RedisClient, pattern: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

interface SoakRun {
  memory_after_checkpoint: number;
  memory_after_all: number;
  growth_ratio: number;
  marks_after_checkpoint: number;
  marks_after_all: number;
  commands_per_s: number;
  errors: number;
  /** Only in the run with scaled marks: used_memory before and after 1,000 new users. */
  new_users?: { before: number; after: number };
}

async function soak(markTtlMs: number, withNewUsers: boolean, log: (message: string) => void): Promise<SoakRun> {
  const redis = await startScaleRedis();
  const admin = producerConnection(redis.url);
  const config = loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX });
  const runtime = await createRuntime(config, silent, { outbox: OUTBOX });
  const store = producerConnection(redis.url);
  await Promise.all([ready(admin), ready(store)]);
  const workers = new BullWorkers(redis.url, createJobProcessor(createServices(new RedisStore(store, PREFIX), 'en')), { prefix: PREFIX, logger: silent, deliveredMarkTtlMs: markTtlMs });
  await workers.ready();
  let errors = 0;
  const run = async (from: number, to: number, userOf: (i: number) => number) => {
    let next = from;
    const lane = async () => {
      for (let i = next++; i < to; i = next++) if ((await runtime.tutor.handleText(lineOf(i), asker(userOf(i)))).error) errors += 1;
    };
    await Promise.all(Array.from({ length: LANES }, lane));
  };
  const drained = async () => {
    const lists = QUEUES.flatMap((queue) => ['wait', 'active'].map((list) => `${PREFIX}:${queue}:${list}`));
    while ((await Promise.all(lists.map((key) => admin.llen(key)))).some((length) => length > 0)) await sleep(50);
  };
  const marks = () => countKeys(admin, `${PREFIX}:${OUTBOX}:de:*`);
  const settledMemory = async () => {
    await sleep(SETTLE_MS);
    return usedMemory(admin);
  };
  try {
    const oldUser = (i: number) => i % SOAK_USERS;
    const t0 = performance.now();
    await run(0, SOAK_CHECKPOINT, oldUser);
    await drained();
    const early = { marks: await marks(), memory: await settledMemory() };
    await run(SOAK_CHECKPOINT, SOAK_COMMANDS, oldUser);
    await drained();
    const late = { marks: await marks(), memory: await settledMemory() };
    const seconds = (performance.now() - t0) / 1000;
    log(`  ${SOAK_COMMANDS} commands at ${Math.round(SOAK_COMMANDS / seconds)}/s: used_memory ${early.memory} → ${late.memory}, marks ${early.marks} → ${late.marks}`);
    let newUsers: SoakRun['new_users'];
    if (withNewUsers) {
      // Settled as the last reading; the old users' rate buckets (~21 s) are still there at both readings.
      const before = late.memory;
      await run(SOAK_COMMANDS, SOAK_COMMANDS + 2 * SOAK_USERS, (i) => SOAK_USERS + (i % SOAK_USERS));
      await drained();
      newUsers = { before, after: await settledMemory() };
    }
    return {
      memory_after_checkpoint: early.memory,
      memory_after_all: late.memory,
      growth_ratio: round(late.memory / early.memory),
      marks_after_checkpoint: early.marks,
      marks_after_all: late.marks,
      commands_per_s: Math.round(SOAK_COMMANDS / seconds),
      errors,
      ...(newUsers ? { new_users: newUsers } : {}),
    };
  } finally {
    await workers.close();
    await runtime.close();
    store.disconnect();
    admin.disconnect();
    await redis.stop();
  }
}

export async function memoryFigures(log: (message: string) => void) {
  log(`soak with marks kept ${MARK_TTL_SCALED_MS} ms (their steady state within the run)`);
  const scaled = await soak(MARK_TTL_SCALED_MS, true, log);
  log(`soak with marks kept ${DELIVERED_MARK_TTL_MS / 60_000} min (production)`);
  const production = await soak(DELIVERED_MARK_TTL_MS, false, log);
  const perThousand = ((production.memory_after_all - production.memory_after_checkpoint) / (SOAK_COMMANDS - SOAK_CHECKPOINT)) * 1_000;
  const newMarks = production.marks_after_all - production.marks_after_checkpoint;
  const { before, after } = scaled.new_users!;
  return {
    soak_growth_ratio: scaled.growth_ratio,
    bytes_per_active_user: Math.round((after - before) / SOAK_USERS),
    bytes_per_1000_commands: Math.round(perThousand),
    soak: {
      commands: SOAK_COMMANDS,
      checkpoint: SOAK_CHECKPOINT,
      users: SOAK_USERS,
      marks_kept_scaled: scaled,
      marks_kept_as_in_production: production,
      soak_growth_ratio_marks_kept_as_in_production: production.growth_ratio,
      bytes_per_mark: Math.round((production.memory_after_all - production.memory_after_checkpoint) / Math.max(1, newMarks)),
      production_marks_at_10_commands_per_s_mb: round((10 * (DELIVERED_MARK_TTL_MS / 1_000) * perThousand) / 1_000 / 1e6, 1),
    },
  };
}
