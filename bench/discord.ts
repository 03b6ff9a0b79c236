/**
 * `npm run bench:discord`: how fast the Discord adapter acknowledges and answers, measured where Discord would
 * measure it — at the fake Discord (test/support/fake-discord, in a child process of its own, as Discord is another
 * machine) on 127.0.0.1, driving the real discord.js client.
 * Production path: BullMQ on a Redis this bench starts (never another one), 2 `npm run worker` child processes,
 * the adapter and its outbox in this process, the production edit interval (1 s).
 *
 * For 200 `/explain` interactions (topics and questions, en / zh-CN / zh-TW clients, servers and DMs, one user each
 * so no rate limit applies): interaction sent on the gateway → deferral received (Discord's 3 s deadline), and →
 * final reply received (the last edit of the response). Twice: serially (one interaction at a time) and as a burst
 * (all 200 at once: "even under load"). One JSON object on stdout; logs on stderr.
 * Knobs: BENCH_INTERACTIONS (default 200).
 */
import { nearestRank } from './support/stats.js';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { DiscordAdapter, DISCORD_OUTBOX } from '../src/adapters/discord/index.js';
import { loadConfig } from '../src/config/config.js';
import { createRuntime } from '../src/main/runtime.js';
import { slashCommand } from '../test/support/fake-discord/index.js';
import { stopChild } from '../tools/redis-process.js';
import type { ChildReply, ChildRequest, InteractionTimes } from './support/fake-discord-child.js';
import { killAllWorkersNow, REAL_WORKER, startWorker, stopAllWorkers } from './support/processes.js';
import { startRedis } from './support/redis.js';

const INTERACTIONS = Number(process.env['BENCH_INTERACTIONS'] ?? 200);
const WARMUP = 20;
const WORKERS = 2;
const PREFIX = 'bench-discord';
const ANSWER_TIMEOUT_MS = 60_000;
const POLL_MS = 5;
const DEADLINE_MS = 3_000;
const TARGET_MS = 1_000;
const TOPICS = ['attention', 'tokens', 'softmax', 'qkv', 'embeddings', 'what is a token', 'how does softmax work', '注意力机制是什么', '什么是词元', 'rlhf'];
const LOCALES = ['en-US', 'zh-CN', 'zh-TW'];

let userNumber = 0;
function nextInteraction(i: number): Record<string, unknown> {
  // One user per interaction: the bench measures latency, not the per-user rate limits.
  const id = `9${String(++userNumber).padStart(17, '0')}`;
  return slashCommand({ name: 'explain', options: { topic: TOPICS[i % TOPICS.length]! }, locale: LOCALES[i % LOCALES.length], id, guild: i % 2 === 0 ? {} : undefined });
}

/** The fake Discord child and a request/answer helper over IPC. */
class FakeDiscordChild {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: ChildReply) => void>();

  private constructor(readonly child: ChildProcess, readonly info: { api: string; token: string; appId: string }) {
    child.on('message', (reply: ChildReply) => {
      if ('id' in reply) this.waiting.get(reply.id)?.(reply);
    });
  }

  static async start(): Promise<FakeDiscordChild> {
    const child = fork(new URL('./support/fake-discord-child.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const ready = await new Promise<ChildReply>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`fake Discord child exited (${code})`)));
    });
    if (ready.type !== 'ready') throw new Error('fake Discord child did not start');
    return new FakeDiscordChild(child, ready);
  }

  request<T extends ChildReply>(request: Omit<ChildRequest, 'id'>): Promise<T> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, (reply) => {
        this.waiting.delete(id);
        resolve(reply as T);
      });
      this.child.send({ ...request, id });
    });
  }

  async interact(payloads: Record<string, unknown>[]): Promise<{ id: string; token: string }[]> {
    return (await this.request<Extract<ChildReply, { type: 'pushed' }>>({ type: 'interact', payloads } as Omit<ChildRequest, 'id'>)).interactions;
  }

  report(interactionIds: string[]): Promise<Extract<ChildReply, { type: 'report' }>> {
    return this.request({ type: 'report', interactionIds } as Omit<ChildRequest, 'id'>);
  }
}

/** Interaction tokens whose final delivery the adapter has finished sending. */
const finalSent = new Set<string>();

async function settle(tokens: string[]): Promise<void> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  while (!tokens.every((token) => finalSent.has(token))) {
    if (Date.now() > deadline) throw new Error(`bench:discord: ${tokens.filter((token) => !finalSent.has(token)).length} interactions unanswered`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function percentiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(nearestRank(sorted, 0.5)), p99: round(nearestRank(sorted, 0.99)), max: round(sorted.at(-1)!) };
}

function summary(times: InteractionTimes[]) {
  const deferral = times.map((time) => time.callbackAt! - time.pushedAt);
  const final = times.map((time) => time.lastEditAt! - time.pushedAt);
  return {
    interactions: times.length,
    deferral_ms: percentiles(deferral),
    final_reply_ms: percentiles(final),
    deferrals_over_1s: deferral.filter((ms) => ms > TARGET_MS).length,
    deferrals_over_3s: deferral.filter((ms) => ms > DEADLINE_MS).length,
    // A place-in-line notice (queue deeper than its notice depth) is one more edit; the final then waits its 1 s turn.
    with_place_in_line_notice: times.filter((time) => time.edits > 1).length,
  };
}

async function run(fake: FakeDiscordChild, payloads: Record<string, unknown>[], together: boolean): Promise<InteractionTimes[]> {
  const pushed: { id: string; token: string }[] = [];
  if (together) pushed.push(...(await fake.interact(payloads)));
  else {
    for (const payload of payloads) {
      const [one] = await fake.interact([payload]);
      pushed.push(one!);
      await settle([one!.token]);
    }
  }
  await settle(pushed.map((interaction) => interaction.token));
  const report = await fake.report(pushed.map((interaction) => interaction.id));
  if (report.times.some((time) => time.callbackAt === undefined || time.lastEditAt === undefined)) throw new Error('bench:discord: an interaction was not answered');
  return report.times;
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const fake = await FakeDiscordChild.start();
  process.once('exit', killAllWorkersNow);
  try {
    // Workers log at info: the bench waits for their "worker ready" line.
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX };
    for (let i = 0; i < WORKERS; i++) await startWorker(`worker-${i + 1}`, REAL_WORKER, env);
    const config = loadConfig(env);
    const logger = pino({ level: 'warn' }, process.stderr);
    const runtime = await createRuntime(config, logger, { outbox: 'outbox-bench-discord-edge' });
    const adapter = new DiscordAdapter(runtime.tutor, { token: fake.info.token, appId: fake.info.appId, restApi: fake.info.api, logger });
    await runtime.serve('discord', DISCORD_OUTBOX, async (delivery) => {
      await adapter.deliver(delivery);
      if (delivery.final) finalSent.add(delivery.address.route?.['discordToken'] ?? '');
    });
    await adapter.start();

    process.stderr.write(`bench:discord: warm-up (${WARMUP})\n`);
    await run(fake, Array.from({ length: WARMUP }, (_, i) => nextInteraction(i)), false);
    process.stderr.write(`bench:discord: ${INTERACTIONS} interactions one at a time\n`);
    const serial = await run(fake, Array.from({ length: INTERACTIONS }, (_, i) => nextInteraction(i)), false);
    process.stderr.write(`bench:discord: ${INTERACTIONS} interactions at once\n`);
    const burst = await run(fake, Array.from({ length: INTERACTIONS }, (_, i) => nextInteraction(i)), true);
    const { refused } = await fake.report([]);

    process.stdout.write(
      `${JSON.stringify({
        bench: 'discord',
        measured_at: 'the fake Discord (own process): interaction sent on the gateway → deferral callback received, → final edit received',
        path: `BullMQ on a local Redis, ${WORKERS} worker processes, adapter + outbox in this process, edit interval 1000 ms`,
        command: '/explain (topics and questions; en-US, zh-CN, zh-TW; servers and DMs)',
        serial: summary(serial),
        burst: summary(burst),
        discord_errors: refused,
        cpus: availableParallelism(),
        node: process.version,
      })}\n`,
    );
    await adapter.stop();
    await runtime.close();
  } finally {
    await stopAllWorkers();
    fake.child.disconnect();
    await stopChild(fake.child, 5_000);
    await redis.stop();
  }
}

await main();
