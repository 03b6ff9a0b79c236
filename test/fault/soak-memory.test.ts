/**
 * Bounded memory (issue 23): 20,000 cheap commands (/explain of curated topics, /help, /lang) from 1,000 users
 * through the real edge, BullMQ workers and outbox, then: Redis `used_memory` after 20,000 is at most MAX_GROWTH
 * times what it was after 2,000, and no key family grew with the command count — a person's keys stay at most one per
 * user, a final's "answered once" mark lives its TTL (shortened here so its steady state, rate × TTL, comes within
 * the run), jobs are gone once answered, and every key without a TTL is one of a queue's own few.
 *
 * `used_memory` is the whole server's, so this file starts a redis-server of its own (loopback, no persistence):
 * on the shared test Redis other files write at the same time.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asker } from '../../src/core/tutor.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { EVENTS_STREAM_MAX_LEN } from '../../src/queue/settings.js';
import { findOnPath, freePort, LOOPBACK, startRedisChild, stopChild } from '../../tools/redis-process.js';
import { startHarness, type Harness } from '../support/bull-harness.js';
import { keyFamilies, usedMemory, type Family } from '../support/key-families.js';

/** SOAK_COMMANDS: fewer for a quick look while changing this file. */
const COMMANDS = Number(process.env['SOAK_COMMANDS'] ?? 20_000);
const CHECKPOINT = Math.min(2_000, COMMANDS / 2);
const USERS = 1_000;
const LANES = 64;
const MARK_TTL_MS = 2_000;
/**
 * used_memory is read once the marks expired and Redis shrank the idle clients' query buffers (it does for a client
 * idle 2 s): what the commands left behind, not what is in flight.
 */
const SETTLE_MS = MARK_TTL_MS + 2_000;
/**
 * By 2,000 commands every bounded family is full: each user has sent two commands, the events streams hold their
 * 1,000 entries. What is left to grow is a leak: one 100-byte key per command kept for longer than the run would add
 * ~2 MB over the next 18,000 on a server holding ~3 MB (a mark kept an hour, ~230 bytes, adds ~4 MB: ×2.2).
 */
const MAX_GROWTH = 1.5;
/** The events trim is approximate (`MAXLEN ~`): Redis drops whole stream nodes of 100 entries. */
const EVENTS_TRIM_SLACK = 200;
const QUEUES = ['fast', 'model', 'outbox-harness'];
const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling', 'qkv', 'rlhf'];
const SOAK_TIMEOUT_MS = 600_000;

const asker = (user: number): Asker => ({
  user: { id: `soak-${user}`, displayName: 'Soak' },
  chat: { id: `soak-${user}`, kind: 'private' },
  platform: 'telegram',
});
/** The i-th command: mostly lessons, every 10th /help, every 10th (offset 5) a language switch. */
const lineOf = (i: number) => (i % 10 === 0 ? '/help' : i % 10 === 5 ? `/lang ${i % 20 === 5 ? 'zh' : 'en'}` : `/explain ${TOPICS[i % TOPICS.length]}`);

interface Snapshot {
  commands: number;
  memory: number;
  families: Map<string, Family>;
  /** Finals answered within the marks' TTL (and a second) before the snapshot: how many marks may be alive. */
  recentFinals: number;
}

const redisBinary = findOnPath('redis-server');

describe.skipIf(!redisBinary)('Redis memory under a soak of 20,000 commands', () => {
  let server: ChildProcess | undefined;
  let url = '';
  let harness: Harness;
  let admin: RedisClient;
  const finishedAt: number[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    server = await startRedisChild(redisBinary!, port, ['--save', '', '--appendonly', 'no'], { startMs: 5_000, stopMs: 5_000 });
    url = `redis://${LOOPBACK}:${port}`;
    admin = producerConnection(url);
    await ready(admin);
    harness = await startHarness(url, { deliveredMarkTtlMs: MARK_TTL_MS });
  });

  afterAll(async () => {
    await harness?.close();
    admin?.disconnect();
    if (server) await stopChild(server);
  });

  async function run(from: number, to: number): Promise<void> {
    let next = from;
    const lane = async () => {
      for (let i = next++; i < to; i = next++) {
        const reply = await harness.tutor.handleText(lineOf(i), asker(i % USERS));
        finishedAt.push(performance.now());
        if (reply.error) errors.push(`#${i} ${lineOf(i)}: ${reply.error.code}`);
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
  }

  /** Answered is not yet removed: the outbox job completes (and goes) just after its handler returned. */
  async function drained(): Promise<void> {
    const lists = QUEUES.flatMap((queue) => ['wait', 'active'].map((list) => `${harness.prefix}:${queue}:${list}`));
    for (let tries = 0; tries < 100; tries++) {
      const lengths = await Promise.all(lists.map((key) => admin.llen(key)));
      if (lengths.every((length) => length === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the queues did not drain');
  }

  async function snapshot(commands: number): Promise<Snapshot> {
    await drained();
    const since = performance.now() - MARK_TTL_MS - 1_000;
    const recentFinals = finishedAt.filter((at) => at >= since).length;
    const families = await keyFamilies(admin, harness.prefix, QUEUES);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { commands, memory: await usedMemory(admin), families, recentFinals };
  }

  it('levels off: used_memory and every key family stay bounded as the commands go on', async () => {
    const t0 = performance.now();
    await run(0, CHECKPOINT);
    const early = await snapshot(CHECKPOINT);
    await run(CHECKPOINT, COMMANDS);
    const late = await snapshot(COMMANDS);
    const seconds = (performance.now() - t0) / 1000;
    const summary = describeRun(early, late, seconds);
    process.stderr.write(`${summary}\n`);

    expect(errors.slice(0, 10), 'every command answered, none refused').toEqual([]);
    expect(late.memory / early.memory, summary).toBeLessThanOrEqual(MAX_GROWTH);
    for (const [name, family] of late.families) {
      const before = early.families.get(name)?.keys ?? 0;
      if (/^(state|index):user:/.test(name)) expect(family.keys, `${name}: one per user`).toBeLessThanOrEqual(USERS);
      else if (name.endsWith(':de:*')) expect(family.keys, `${name}: marks of the last ${MARK_TTL_MS} ms only`).toBeLessThanOrEqual(late.recentFinals + 50);
      else if (name.includes('<job>')) expect(family.keys, `${name}: answered jobs are removed`).toBe(0);
      else expect(family.keys, `${name}: does not grow with the commands`).toBeLessThanOrEqual(Math.max(before, 1));
      // Without a TTL: only a queue's own structures (one each), bounded by the number of queues.
      if (family.withoutTtl > 0) expect(name, `${name} has keys without a TTL`).toMatch(new RegExp(`^(${QUEUES.join('|')}):[a-z-]+$`));
    }
  }, SOAK_TIMEOUT_MS);

  it('trims every queue\'s events stream to EVENTS_STREAM_MAX_LEN', async () => {
    for (const queue of QUEUES) {
      const key = `${harness.prefix}:${queue}`;
      if ((await admin.exists(`${key}:meta`)) === 0) continue;
      expect(await admin.hget(`${key}:meta`, 'opts.maxLenEvents'), queue).toBe(String(EVENTS_STREAM_MAX_LEN));
      expect(await admin.xlen(`${key}:events`), queue).toBeLessThanOrEqual(EVENTS_STREAM_MAX_LEN + EVENTS_TRIM_SLACK);
    }
  });
});

function describeRun(early: Snapshot, late: Snapshot, seconds: number): string {
  const rows = [...late.families].sort((a, b) => b[1].keys - a[1].keys).map(([name, family]) => `  ${name}: ${early.families.get(name)?.keys ?? 0} → ${family.keys}${family.withoutTtl ? ` (${family.withoutTtl} without TTL)` : ''}`);
  return [
    `soak: ${late.commands} commands in ${seconds.toFixed(1)} s (${Math.round(late.commands / seconds)}/s), ${USERS} users`,
    `used_memory: ${early.memory} after ${early.commands}, ${late.memory} after ${late.commands}: ×${(late.memory / early.memory).toFixed(3)}`,
    `key families (after ${early.commands} → after ${late.commands}):`,
    ...rows,
  ].join('\n');
}
