/**
 * `npm run bench:quiz`: 50 students answer a class quiz question in the same instant, on a Redis this bench starts
 * itself (never another one).
 *
 * The edge is a Tutor from createRuntime with REDIS_URL (as in a bot process), with BullMQ workers in this process
 * (startWorkers + createServices, as `npm run worker` runs them). Per round: a new group chat, `/quiz start`, 50
 * students press Join, `/quiz skip` opens the first question, then all 50 answer at once — each answer is
 * `tutor.readButton` + `tutor.dispatch`, fired together, timed from the click to the private acknowledgement. The
 * answers are then read back from the quiz store (each must be counted once). Baseline in the same run: RedisClient PING
 * round trips from this process, one at a time and 50 at once.
 *
 * One JSON object on stdout; progress on stderr. Everything it starts is stopped on exit, and it gives up after a
 * bound. Knobs: BENCH_STUDENTS (50), BENCH_ROUNDS (measured rounds, 5; one warm-up round before them).
 */
import { nearestRank } from './support/stats.js';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RedisClient } from '../src/queue/redis-connection.js';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import type { Delivery } from '../src/core/delivery.js';
import { createJobProcessor } from '../src/core/processor.js';
import type { Asker } from '../src/core/tutor.js';
import { createRuntime, type Runtime } from '../src/main/runtime.js';
import { createServices, quizTimingFrom } from '../src/main/create-services.js';
import { startWorkers } from '../src/main/start-up.js';
import type { BullWorkers } from '../src/queue/bullmq.js';
import { producerConnection, ready } from '../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../src/state/class-quiz-redis.js';
import { RedisStore } from '../src/state/redis.js';
import { startRedis, type BenchRedis } from './support/redis.js';

const STUDENTS = Number(process.env['BENCH_STUDENTS'] ?? 50);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const PREFIX = 'bench-quiz';
const PLATFORM_OUTBOX = 'outbox-telegram';
const PING_ROUNDS = 500;
const STEP_TIMEOUT_MS = 20_000;
const GIVE_UP_MS = 3 * 60_000;

const t00 = performance.now();
const log = (message: string) => process.stderr.write(`bench:quiz [${((performance.now() - t00) / 1000).toFixed(1)}s]: ${message}\n`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const quiet = pino({ level: 'warn' }, pino.destination(2));

// ---------------------------------------------------------------------------------------------------------------
// Everything started here is stopped here, on success, on error, on signals and at the bound.

let redis: BenchRedis | undefined;
let client: RedisClient | undefined;
let runtime: Runtime | undefined;
let workers: BullWorkers | undefined;
async function cleanup(): Promise<void> {
  await runtime?.close().catch(() => undefined);
  runtime = undefined;
  await workers?.close().catch(() => undefined);
  workers = undefined;
  await client?.quit().catch(() => client?.disconnect());
  client = undefined;
  await redis?.stop();
  redis = undefined;
}
process.once('exit', () => {
  if (redis) process.kill(redis.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`took longer than ${GIVE_UP_MS / 1000} s: giving up`);
  void cleanup().finally(() => process.exit(1));
}, GIVE_UP_MS);
watchdog.unref();

// ---------------------------------------------------------------------------------------------------------------


function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), max: sorted[sorted.length - 1]!, mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length };
}

async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function person(id: string, chat: string, admin = false): Asker {
  return { user: { id, displayName: `Student ${id}`, locale: 'en', chatAdmin: admin }, chat: { id: chat, kind: 'group' }, platform: 'telegram' };
}

/** One quiz in a new chat, its first question open with every student joined; then the burst. */
async function burst(tutor: Runtime['tutor'], store: RedisClassQuizStore, deliveries: Delivery[], chat: string) {
  const teacher = person(`${chat}-teacher`, chat, true);
  const students = Array.from({ length: STUDENTS }, (_, index) => person(`${chat}-s${index}`, chat));
  const started = await tutor.dispatch(tutor.readText('/quiz start attention 1 60 plain', teacher));
  if (started.kind !== 'queued') throw new Error(`/quiz start: ${started.reply.text}`);
  const lobby = await waitFor('the lobby', () => deliveries.find((delivery) => delivery.final && delivery.address.correlationId === started.correlationId));
  const quizId = await store.running(`telegram:${chat}`);
  if (!quizId) throw new Error('no running quiz after /quiz start');
  // Everyone joins first (so the question stays open until all have answered), then the teacher opens it.
  const joins = await Promise.all(students.map(async (student) => pressNow(tutor, student, lobby.reply.buttons[0]!.id)));
  if (joins.some((text) => !/You are in|already in/.test(text))) throw new Error(`join refused: ${joins.find((text) => !/You are in/.test(text))}`);
  await tutor.dispatch(tutor.readText('/quiz skip', teacher));
  const post = await waitFor('the question', () => deliveries.find((delivery) => delivery.id === `post-qz${quizId}q0`));
  const buttons = post.reply.buttons.map((button) => button.id);

  // All at once: each click starts now, each ack is timed when its own reply comes back.
  const fired = performance.now();
  const acks = await Promise.all(
    students.map(async (student, index) => {
      const clicked = performance.now();
      const text = await pressNow(tutor, student, buttons[index % buttons.length]!);
      return { ms: performance.now() - clicked, text };
    }),
  );
  const burstMs = performance.now() - fired;
  const refused = acks.filter((ack) => !/recorded/.test(ack.text));
  if (refused.length > 0) throw new Error(`${refused.length} answers not recorded, e.g. "${refused[0]!.text}"`);
  const counted = (await store.answers(quizId, 0)).length;
  return { ackMs: acks.map((ack) => ack.ms), counted, burstMs, quizId };
}

async function pressNow(tutor: Runtime['tutor'], who: Asker, buttonId: string): Promise<string> {
  const invocation = await tutor.readButton({ buttonId, ...who });
  if ('reply' in invocation) return invocation.reply.text;
  const outcome = await tutor.dispatch(invocation);
  return outcome.kind === 'answered' ? outcome.reply.text : '(queued: not answered at the edge)';
}

async function pings(redisClient: RedisClient, rounds: number, concurrent: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    samples.push(
      ...(await Promise.all(
        Array.from({ length: concurrent }, async () => {
          const started = performance.now();
          await redisClient.ping();
          return performance.now() - started;
        }),
      )),
    );
  }
  return samples;
}

async function main(): Promise<void> {
  const started = performance.now();
  redis = await startRedis();
  log(`redis-server ${redis.url} (pid ${redis.pid})`);
  // A long lobby and window: /quiz skip opens the question, and the answers close it.
  const config = loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX, QUIZ_LOBBY_SECONDS: '300', QUIZ_REVEAL_SECONDS: '1' });
  client = producerConnection(redis.url);
  await ready(client);
  const store = new RedisClassQuizStore(client, PREFIX);
  const processor = createJobProcessor(createServices(new RedisStore(client, PREFIX), config.DEFAULT_LANG, undefined, { classQuizTiming: quizTimingFrom(config) }));
  workers = await startWorkers(config, redis.url, processor, quiet);
  runtime = await createRuntime(config, quiet, { outbox: 'outbox-bench-quiz' });
  const deliveries: Delivery[] = [];
  await runtime.serve('telegram', PLATFORM_OUTBOX, async (delivery) => void deliveries.push(delivery));
  log(`edge and workers ready; ${STUDENTS} students, 1 warm-up + ${ROUNDS} rounds`);

  await burst(runtime.tutor, store, deliveries, 'bench-warmup');
  const acks: number[] = [];
  const rounds: { ack_p50_ms: number; ack_max_ms: number; burst_ms: number; answers_counted: number }[] = [];
  for (let index = 0; index < ROUNDS; index++) {
    const result = await burst(runtime.tutor, store, deliveries, `bench-class-${index}`);
    const stats = summary(result.ackMs);
    acks.push(...result.ackMs);
    rounds.push({ ack_p50_ms: round(stats.p50), ack_max_ms: round(stats.max), burst_ms: round(result.burstMs), answers_counted: result.counted });
    log(`round ${index + 1}: ack p50 ${stats.p50.toFixed(2)} ms, max ${stats.max.toFixed(2)} ms, counted ${result.counted}/${STUDENTS}`);
  }

  const ping = summary(await pings(client, PING_ROUNDS, 1));
  const pingBurst = summary(await pings(client, 20, STUDENTS));
  const ack = summary(acks);
  const result = {
    bench: 'quiz',
    students: STUDENTS,
    rounds_measured: ROUNDS,
    ack_p50_ms: round(ack.p50),
    ack_p99_ms: round(ack.p99),
    ack_max_ms: round(ack.max),
    ack_mean_ms: round(ack.mean),
    ack_p99_target_ms: 50,
    answers_counted: Math.min(...rounds.map((entry) => entry.answers_counted)),
    answers_expected: STUDENTS,
    redis_ping_p50_ms: round(ping.p50, 3),
    redis_ping_p99_ms: round(ping.p99, 3),
    [`redis_ping_burst${STUDENTS}_p50_ms`]: round(pingBurst.p50, 3),
    ack_vs_ping_p50: round(ack.p50 / ping.p50, 1),
    ack_vs_ping_burst_p50: round(ack.p50 / pingBurst.p50, 1),
    rounds,
    node: process.version,
    cpus: availableParallelism(),
    cpu_model: cpus()[0]?.model ?? 'unknown',
    loadavg_1m: round(loadavg()[0]!),
    notes: [
      `Each round: a new group chat, /quiz start, ${STUDENTS} joins, /quiz skip opens question 1, then ${STUDENTS} answers fired together; ` +
        'an ack is one click: tutor.readButton + tutor.dispatch, timed to its private reply; answers_counted is the least count read back from the store over the rounds.',
      'The edge answers at once with one atomic Lua call (src/state/class-quiz-redis.ts) after the usual edge reads (button, locale, chat language, rate limit); ' +
        'BullMQ workers run in this process (the last answer closes the question early through them). ack percentiles pool every measured round.',
      'Baseline: PING round trips from this process, one at a time (redis_ping_*) and all at once in bursts of the same size.',
    ],
    elapsed_s: round((performance.now() - started) / 1000, 1),
  };
  await cleanup();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup().catch(() => undefined);
  process.exit(1);
}
