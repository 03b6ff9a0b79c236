/**
 * `npm run bench:queue`: what BullMQ costs a command, on a Redis this bench starts itself (never another one).
 *
 * - Serial latency of `/explain attention` through `Tutor.handle`: the in-process queue and outbox (the offline
 *   runtime) against BullMQ + `npm run worker` child processes + the outbox (the Redis runtime, edge in this process),
 *   with where a serial command's time goes (BullMQ's timestamps) and the Redis PING round trip at that moment.
 * - A burst of /explain commands (varied topics, users and languages) through `Tutor.dispatch` with 2 worker processes,
 *   every delivery rendered with renderJson by this process's outbox consumer: command → rendered reply. Baseline in
 *   the same run: the same burst through the same hops to 2 "empty" workers (bench/support/empty-worker.ts) whose
 *   processor returns a fixed tiny reply. With BENCH_ROUNDS > 1, rounds alternate which goes first.
 * - Where the time goes: CPU of each process during the bursts (and of the rest of the machine), the /explain work by
 *   itself (processor in-process), Redis commands and socket reads per command (INFO), and commands sent per command
 *   by each process (MONITOR, on warm-up runs only: it slows Redis down).
 *
 * One JSON object on stdout; logs on stderr. Everything it starts (Redis, workers) is stopped by PID on exit.
 * Knobs for quick looks: BENCH_BURST (commands per burst), BENCH_ROUNDS, BENCH_SERIAL (serial rounds).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { renderJson } from '../src/adapters/terminal/render.js';
import { loadConfig } from '../src/config/config.js';
import { finalDeliveryId, type Delivery } from '../src/core/delivery.js';
import type { TutorJob } from '../src/core/jobs.js';
import { createJobProcessor } from '../src/core/processor.js';
import type { Platform } from '../src/core/invocation.js';
import { QUEUE_BUSY_DEPTH } from '../src/core/limits.js';
import { newCorrelationId, type Asker } from '../src/core/tutor.js';
import { createRuntime, type Runtime } from '../src/main/runtime.js';
import { createServices } from '../src/main/services.js';
import { DEFAULT_CONCURRENCY } from '../src/queue/settings.js';
import { MemoryStore } from '../src/state/memory.js';
import { cpuSeconds, EMPTY_WORKER, machineBusySeconds, killAllWorkersNow, localPorts, REAL_WORKER, startWorker, stopAllWorkers, type WorkerChild } from './support/processes.js';
import { monitorRedis, startRedis, type BenchRedis } from './support/redis.js';

const SERIAL_WARMUP = 200;
const SERIAL_ROUNDS = Number(process.env['BENCH_SERIAL'] ?? 1_000);
const MONITOR_SERIAL = 100;
const BREAKDOWN_SERIAL = 200;
const PING_ROUNDS = 500;
const WORK_ONLY_ROUNDS = 2_000;
const BURST_COMMANDS = Number(process.env['BENCH_BURST'] ?? 10_000);
const BURST_ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
const MONITOR_BURST = 500;
/** Commands dispatched but not answered yet, at most: well under QUEUE_BUSY_DEPTH.fast, so dispatch never says "busy". */
const MAX_IN_FLIGHT = 2_000;
const PRODUCER_LANES = 64;
const BURST_TIMEOUT_MS = 60_000;
const DUPLICATE_GRACE_MS = 300;
const WORKERS = 2;
const OUTBOX = 'outbox-bench';
const SERIAL_LINE = '/explain attention';
/** Topic ids, English and Chinese questions: the retrieval does real work, lessons of every size come back. */
const BURST_LINES = [
  ...['gpt', 'generative', 'tokens', 'pretraining', 'fine-tuning', 'rlhf', 'transformer', 'embeddings', 'attention', 'qkv', 'softmax', 'multi-head', 'sampling'].map((id) => `/explain ${id}`),
  '/explain what is a token',
  '/explain how does softmax work',
  '/explain why did transformers replace RNNs',
  '/explain positional encoding',
  '/explain scaled dot product attention',
  '/explain what is RLHF',
  '/explain decoder only models',
  '/explain 什么是预训练',
  '/explain 注意力机制是什么',
  '/explain 什么是词元',
  '/explain 微调和预训练有什么区别',
  '/explain 位置编码',
  '/explain 多头注意力',
];
const USERS = 500;
const USER_LOCALES = ['en-US', 'zh-CN', 'zh-TW', undefined];

const t00 = performance.now();
const log = (message: string) => process.stderr.write(`bench:queue [${((performance.now() - t00) / 1000).toFixed(1)}s]: ${message}\n`);
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const silent = pino({ level: 'warn' }, pino.destination(2));

// ---------------------------------------------------------------------------------------------------------------
// Everything started here is stopped here, on success, on error and on signals.

let redis: BenchRedis | undefined;
let admin: Redis | undefined;
const runtimes: Runtime[] = [];
async function cleanup(): Promise<void> {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close().catch(() => undefined)));
  await stopAllWorkers();
  admin?.disconnect();
  await redis?.stop();
  redis = undefined;
}
process.once('exit', () => {
  killAllWorkersNow();
  if (redis) process.kill(redis.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log('took longer than 5 minutes: giving up');
  void cleanup().finally(() => process.exit(1));
}, 5 * 60_000);
watchdog.unref();

// ---------------------------------------------------------------------------------------------------------------

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
}

function askerFor(index: number): Asker {
  const user = index % USERS;
  return {
    user: { id: `bench-user-${user}`, locale: USER_LOCALES[user % USER_LOCALES.length] },
    chat: { id: `bench-chat-${user}`, kind: 'private' },
    // The terminal is exempt from per-user rate limits (RATE_RULES), so the burst is not refused.
    platform: 'terminal' satisfies Platform,
  };
}

async function serialLatency(runtime: Runtime, rounds: number, warmup: number): Promise<{ p50: number; p99: number; mean: number }> {
  const asker: Asker = { user: { id: 'bench-serial', locale: 'en' }, chat: { id: 'bench-serial', kind: 'private' }, platform: 'terminal' };
  const invocation = runtime.tutor.readText(SERIAL_LINE, asker);
  for (let i = 0; i < warmup; i++) await runtime.tutor.handle(invocation);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const reply = await runtime.tutor.handle(invocation);
    samples.push(performance.now() - t0);
    if (reply.error || reply.topic !== 'attention') throw new Error(`unexpected reply: ${JSON.stringify(reply).slice(0, 300)}`);
  }
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), mean };
}

/**
 * The burst's work by itself: the job processor called directly (memory state, no queue) on the burst's commands,
 * one at a time. What each command costs a worker before any queue or Redis is involved.
 */
async function workOnly(offline: Runtime): Promise<{ ms_per_command: number; cpu_ms_per_command: number }> {
  const processor = createJobProcessor(createServices(new MemoryStore(), 'en'));
  const jobs: TutorJob[] = [];
  for (let index = 0; index < BURST_LINES.length * USER_LOCALES.length * 4; index++) {
    const asker = askerFor(index);
    const line = BURST_LINES[index % BURST_LINES.length]!;
    const locale = await offline.tutor.localeFor(asker);
    const address = { platform: asker.platform, chatId: asker.chat.id, userId: asker.user.id, correlationId: 'bench-work-only', outbox: OUTBOX };
    jobs.push({ command: 'explain', args: { topic: line.slice('/explain '.length) }, context: { ...asker, locale }, address });
  }
  for (let i = 0; i < WORK_ONLY_ROUNDS / 5; i++) await processor(jobs[i % jobs.length]!);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < WORK_ONLY_ROUNDS; i++) await processor(jobs[i % jobs.length]!);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms_per_command: round(wall / WORK_ONLY_ROUNDS), cpu_ms_per_command: round((cpu.user + cpu.system) / 1000 / WORK_ONLY_ROUNDS) };
}

// ---------------------------------------------------------------------------------------------------------------
// The burst: a paced producer (Tutor.dispatch) and this process's outbox consumer, which renders every delivery.

interface BurstState {
  finals: Map<string, number>;
  answered: number;
  refused: number;
  stray: number;
  updates: number;
  renderedBytes: number;
  lastFinalAt: number;
  release(): void;
  settled: () => void;
  total: number;
}

/** The adapter side of the Redis runtime: deliveries nobody `handle`s go here (what a chat adapter sends). */
const sink: { current: BurstState | undefined; serial: Map<string, (renderedAt: number) => void> } = { current: undefined, serial: new Map() };
async function onDelivery(delivery: Delivery): Promise<void> {
  const state = sink.current;
  const rendered = renderJson(delivery.reply, delivery.final);
  const serial = delivery.final ? sink.serial.get(delivery.address.correlationId) : undefined;
  if (serial) {
    sink.serial.delete(delivery.address.correlationId);
    serial(Date.now());
  }
  if (!state) return;
  state.renderedBytes += rendered.length;
  if (!delivery.final) {
    state.updates += 1;
    return;
  }
  const seen = state.finals.get(delivery.address.correlationId);
  if (seen === undefined) {
    state.stray += 1;
    return;
  }
  state.finals.set(delivery.address.correlationId, seen + 1);
  if (seen > 0) return;
  state.answered += 1;
  state.lastFinalAt = performance.now();
  state.release();
  if (state.answered + state.refused === state.total) state.settled();
}

interface BurstResult {
  kind: 'explain' | 'empty';
  commands: number;
  seconds: number;
  commands_per_s: number;
  lost: number;
  refused_busy: number;
  duplicates: number;
  position_notices: number;
  rendered_mb: number;
}

async function burst(runtime: Runtime, kind: BurstResult['kind'], total: number): Promise<BurstResult> {
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  let settled!: () => void;
  const done = new Promise<void>((resolve) => (settled = resolve));
  const state: BurstState = {
    finals: new Map(),
    answered: 0,
    refused: 0,
    stray: 0,
    updates: 0,
    renderedBytes: 0,
    lastFinalAt: 0,
    total,
    settled,
    release: () => {
      inFlight -= 1;
      waiters.shift()?.();
    },
  };
  sink.current = state;
  let notices = 0;
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const index = next++;
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiters.push(resolve));
      inFlight += 1;
      const correlationId = newCorrelationId();
      state.finals.set(correlationId, 0);
      const invocation = runtime.tutor.readText(BURST_LINES[index % BURST_LINES.length]!, askerFor(index));
      const outcome = await runtime.tutor.dispatch(invocation, { correlationId });
      if (outcome.kind === 'answered') {
        // Refused at the edge ("busy"): rendered like any reply, but it is not an answer to the question.
        state.renderedBytes += renderJson(outcome.reply).length;
        state.refused += 1;
        state.release();
        if (state.answered + state.refused === total) state.settled();
      } else if (outcome.notice) {
        notices += 1;
        state.renderedBytes += renderJson(outcome.notice, false).length;
      }
    }
  };
  await Promise.all(Array.from({ length: PRODUCER_LANES }, lane));
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([done.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), BURST_TIMEOUT_MS)))]);
  clearTimeout(timer);
  const seconds = ((finished ? state.lastFinalAt : performance.now()) - t0) / 1000;
  // A job that ran twice would deliver its final reply twice: give a late duplicate the time to show up.
  await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
  sink.current = undefined;
  let lost = 0;
  let duplicates = 0;
  for (const count of state.finals.values()) {
    if (count !== 1) lost += 1;
    if (count > 1) duplicates += 1;
  }
  if (state.stray > 0) log(`${state.stray} deliveries for commands of an earlier run`);
  return {
    kind,
    commands: total,
    seconds: round(seconds),
    commands_per_s: Math.round(state.answered / seconds),
    lost,
    refused_busy: state.refused,
    duplicates,
    position_notices: notices,
    rendered_mb: round(state.renderedBytes / 1e6, 1),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Where the time goes.

/** One Redis round trip on this machine right now (PING, one at a time): the unit the serial latency is made of. */
async function pingRtt(rounds: number): Promise<{ p50_ms: number; p99_ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await admin!.ping();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: round(percentile(samples, 0.5)), p99_ms: round(percentile(samples, 0.99)) };
}

/**
 * Where a serial command's time goes, from the timestamps BullMQ keeps (Date.now() of each process, 1 ms steps, so
 * means are more telling than medians): the edge before the add, the wait until a worker takes the job, the worker's
 * run until the reply is in the outbox, the wait until the outbox consumer takes it, and the render.
 */
async function serialBreakdown(runtime: Runtime, prefix: string, rounds: number) {
  const asker: Asker = { user: { id: 'bench-serial', locale: 'en' }, chat: { id: 'bench-serial', kind: 'private' }, platform: 'terminal' };
  const invocation = runtime.tutor.readText(SERIAL_LINE, asker);
  const samples: { jobId: string; correlationId: string; start: number; rendered: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const correlationId = newCorrelationId();
    const rendered = new Promise<number>((resolve) => sink.serial.set(correlationId, resolve));
    const start = Date.now();
    const outcome = await runtime.tutor.dispatch(invocation, { correlationId });
    if (outcome.kind !== 'queued') throw new Error('serial command refused');
    samples.push({ jobId: outcome.jobId, correlationId, start, rendered: await rendered });
  }
  const jobs = new Queue('fast', { connection: admin!, prefix });
  const outbox = new Queue(OUTBOX, { connection: admin!, prefix });
  const segments: Record<string, number[]> = { edge_until_added: [], until_worker_takes_it: [], worker_until_reply_in_outbox: [], until_consumer_takes_it: [], consumer_until_rendered: [], total: [] };
  for (const sample of samples) {
    const job = await jobs.getJob(sample.jobId);
    const delivery = await outbox.getJob(finalDeliveryId(sample.correlationId));
    if (!job?.processedOn || !delivery?.processedOn) continue;
    segments['edge_until_added']!.push(job.timestamp - sample.start);
    segments['until_worker_takes_it']!.push(job.processedOn - job.timestamp);
    segments['worker_until_reply_in_outbox']!.push(delivery.timestamp - job.processedOn);
    segments['until_consumer_takes_it']!.push(delivery.processedOn - delivery.timestamp);
    segments['consumer_until_rendered']!.push(sample.rendered - delivery.processedOn);
    segments['total']!.push(sample.rendered - sample.start);
  }
  await Promise.all([jobs.close(), outbox.close()]);
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 2);
  return { sample_commands: segments['total']!.length, mean_ms: Object.fromEntries(Object.entries(segments).map(([name, values]) => [name, mean(values)])) };
}

interface Processes {
  edge: number;
  workers: WorkerChild[];
  redis: number;
  redisPort: number;
}

function cpuSnapshot(processes: Processes): { machine: number; at: number; mine: Record<string, number> } {
  const mine: Record<string, number> = { bench_edge_and_outbox_consumer: cpuSeconds(processes.edge), redis: cpuSeconds(processes.redis) };
  processes.workers.forEach((worker) => (mine[worker.name] = cpuSeconds(worker.pid)));
  return { machine: machineBusySeconds(), at: performance.now(), mine };
}

/**
 * CPU of each process over a burst (% of one core), CPU ms per command summed over this bench's processes, and how
 * busy the whole machine was, including processes that are not this bench's (other work on a shared machine).
 */
function cpuUse(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, commands: number) {
  const seconds = (after.at - before.at) / 1000;
  const percent: Record<string, number> = {};
  let total = 0;
  for (const [name, start] of Object.entries(before.mine)) {
    const used = after.mine[name]! - start;
    total += used;
    percent[name] = Math.round((used / seconds) * 100);
  }
  const machine = after.machine - before.machine;
  return {
    percent_of_one_core: percent,
    bench_processes_percent_of_machine: Math.round((total / seconds / availableParallelism()) * 100),
    other_processes_percent_of_machine: Math.max(0, Math.round(((machine - total) / seconds / availableParallelism()) * 100)),
    cpu_ms_per_command_bench_processes: round((total / commands) * 1000),
  };
}

async function commandStats(): Promise<Record<string, number>> {
  const info = await admin!.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

async function readsProcessed(): Promise<number> {
  return Number(/total_reads_processed:(\d+)/.exec(await admin!.info('stats'))?.[1] ?? NaN);
}

/**
 * Redis work per command during a burst: INFO commandstats (every command Redis ran, including those inside Lua
 * scripts) and total_reads_processed (socket reads: about one per client round trip, pipelined commands share one).
 */
async function redisWork(during: () => Promise<BurstResult>) {
  await admin!.config('RESETSTAT');
  const reads0 = await readsProcessed();
  const result = await during();
  const reads = (await readsProcessed()) - reads0 - 1;
  const calls = await commandStats();
  delete calls['info'];
  delete calls['config'];
  const perCommand: Record<string, number> = {};
  let total = 0;
  for (const [name, count] of Object.entries(calls).sort((a, b) => b[1] - a[1])) {
    total += count;
    if (count / result.commands >= 0.05) perCommand[name] = round(count / result.commands, 2);
  }
  return {
    result,
    redis: { socket_reads_per_command: round(reads / result.commands, 2), commands_run_per_command: round(total / result.commands, 1), commands_run_by_name: perCommand },
  };
}

/**
 * Commands sent to Redis per command, by the process that sent them, with MONITOR on (a sample run; MONITOR costs
 * Redis time, so nothing timed runs with it). Commands run inside Lua scripts are counted apart: they cost Redis CPU,
 * not a trip. Commands sent in the same tick on an auto-pipelined connection share one round trip.
 */
async function commandsSent(processes: Processes, commands: number, run: () => Promise<unknown>) {
  const owner = new Map<number, string>();
  for (const port of localPorts(processes.edge)) owner.set(port, 'bench_edge_and_outbox_consumer');
  for (const worker of processes.workers) for (const port of localPorts(worker.pid)) owner.set(port, worker.name);
  const trips: Record<string, Record<string, number>> = {};
  let insideScripts = 0;
  const monitor = await monitorRedis(processes.redisPort, ({ source, command }) => {
    if (source === 'lua') {
      insideScripts += 1;
      return;
    }
    const name = owner.get(Number(source.split(':').pop())) ?? 'other';
    trips[name] ??= {};
    trips[name][command] = (trips[name][command] ?? 0) + 1;
  });
  await run();
  await new Promise((resolve) => setTimeout(resolve, 100));
  monitor.stop();
  const byProcess: Record<string, { total: number; by_command: Record<string, number> }> = {};
  let total = 0;
  for (const [name, counts] of Object.entries(trips)) {
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    total += sum;
    byProcess[name] = {
      total: round(sum / commands, 2),
      by_command: Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([command, count]) => [command, round(count / commands, 2)])),
    };
  }
  return { sample_commands: commands, sent_per_command: round(total / commands, 2), by_process: byProcess, lua_inner_calls_per_command: round(insideScripts / commands, 1) };
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;

  log('in-process runtime: serial latency');
  const offline = await createRuntime(loadConfig({}), silent, { outbox: OUTBOX });
  const inprocess = await serialLatency(offline, SERIAL_ROUNDS, SERIAL_WARMUP);
  const work = await workOnly(offline);
  await offline.close();

  redis = await startRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info('server'))?.[1];
  log(`redis-server ${redisVersion} on ${redis.url} (pid ${redis.pid})`);

  const prefixes = { explain: `bench-${process.pid}-explain`, empty: `bench-${process.pid}-empty` };
  const workerEnv = (prefix: string) => ({ REDIS_URL: redis!.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' });
  log(`starting ${WORKERS} workers (npm run worker entry) and ${WORKERS} empty workers`);
  const [realWorkers, emptyWorkers] = await Promise.all([
    Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(`worker_${i + 1}`, REAL_WORKER, workerEnv(prefixes.explain)))),
    Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(`empty_worker_${i + 1}`, EMPTY_WORKER, workerEnv(prefixes.empty)))),
  ]);
  const edge = {
    explain: await createRuntime(loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefixes.explain }), silent, { outbox: OUTBOX, onUnclaimed: onDelivery }),
    empty: await createRuntime(loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefixes.empty }), silent, { outbox: OUTBOX, onUnclaimed: onDelivery }),
  };
  runtimes.push(edge.explain, edge.empty);
  const processes = {
    explain: { edge: process.pid, workers: realWorkers, redis: redis.pid, redisPort: redis.port },
    empty: { edge: process.pid, workers: emptyWorkers, redis: redis.pid, redisPort: redis.port },
  };

  const ping = await pingRtt(PING_ROUNDS);
  log('BullMQ runtime: serial latency');
  const queue = await serialLatency(edge.explain, SERIAL_ROUNDS, SERIAL_WARMUP);
  const breakdown = await serialBreakdown(edge.explain, prefixes.explain, BREAKDOWN_SERIAL);
  const serialSent = await commandsSent(processes.explain, MONITOR_SERIAL, () => serialLatency(edge.explain, MONITOR_SERIAL, 0));

  log(`burst warm-up with MONITOR (${MONITOR_BURST} commands each)`);
  const burstSent = {
    explain: await commandsSent(processes.explain, MONITOR_BURST, () => burst(edge.explain, 'explain', MONITOR_BURST)),
    empty: await commandsSent(processes.empty, MONITOR_BURST, () => burst(edge.empty, 'empty', MONITOR_BURST)),
  };

  const rounds: (BurstResult & { cpu: ReturnType<typeof cpuUse>; redis: Awaited<ReturnType<typeof redisWork>>['redis'] })[] = [];
  for (let r = 0; r < BURST_ROUNDS; r++) {
    const order: BurstResult['kind'][] = r % 2 === 0 ? ['empty', 'explain'] : ['explain', 'empty'];
    for (const kind of order) {
      log(`burst round ${r + 1}: ${BURST_COMMANDS} commands, ${kind}`);
      const before = cpuSnapshot(processes[kind]);
      const { result, redis: work } = await redisWork(() => burst(edge[kind], kind, BURST_COMMANDS));
      const cpu = cpuUse(before, cpuSnapshot(processes[kind]), result.commands);
      log(`  ${result.commands_per_s} commands/s, lost ${result.lost}, cpu ${JSON.stringify(cpu.percent_of_one_core)}`);
      rounds.push({ ...result, cpu, redis: work });
    }
  }

  const sum = (kind: BurstResult['kind']) => {
    const mine = rounds.filter((result) => result.kind === kind);
    const commands = mine.reduce((total, result) => total + result.commands, 0);
    const seconds = mine.reduce((total, result) => total + result.seconds, 0);
    return { perSecond: Math.round(commands / seconds), lost: mine.reduce((total, result) => total + result.lost, 0), mine };
  };
  const explain = sum('explain');
  const empty = sum('empty');
  const overhead = queue.p50 - inprocess.p50;
  const ratio = explain.perSecond / empty.perSecond;

  // What limits the throughput: the busiest process and whether the machine is out of CPU.
  const lastOf = (kind: BurstResult['kind']) => rounds.filter((result) => result.kind === kind).at(-1)!;
  const describe = (kind: BurstResult['kind']) => {
    const { cpu } = lastOf(kind);
    const [busiest, percent] = Object.entries(cpu.percent_of_one_core).sort((a, b) => b[1] - a[1])[0]!;
    return (
      `${kind}: busiest ${busiest} at ${percent}% of a core; the bench's processes used ${cpu.bench_processes_percent_of_machine}% of the ${availableParallelism()} cores, ` +
      `other processes on the machine ${cpu.other_processes_percent_of_machine}%; ${cpu.cpu_ms_per_command_bench_processes} CPU ms per command`
    );
  };

  await cleanup();
  const result = {
    benchmark: 'queue',
    machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, redis: redisVersion, loadavg_1m_at_start: round(loadAtStart, 2), loadavg_1m_at_end: round(loadavg()[0]!, 2) },
    command: SERIAL_LINE,
    serial_rounds: SERIAL_ROUNDS,
    inprocess_p50_ms: round(inprocess.p50),
    inprocess_p99_ms: round(inprocess.p99),
    queue_p50_ms: round(queue.p50),
    queue_p99_ms: round(queue.p99),
    queue_mean_ms: round(queue.mean),
    queue_overhead_p50_ms: round(overhead),
    queue_serial_breakdown: breakdown,
    redis_ping_rtt: ping,
    burst_commands: BURST_COMMANDS,
    burst_rounds: BURST_ROUNDS,
    burst_workers: WORKERS,
    burst_work_only: work,
    burst_commands_per_s: explain.perSecond,
    empty_jobs_per_s: empty.perSecond,
    burst_vs_empty_jobs: round(ratio, 2),
    burst_lost: explain.lost,
    empty_lost: empty.lost,
    targets: {
      queue_overhead_p50_ms: { max: 2, met: overhead <= 2 },
      burst_vs_empty_jobs: { min: 0.7, met: ratio >= 0.7 },
      burst_lost: { must_be: 0, met: explain.lost === 0 },
    },
    rounds,
    redis_commands_sent: { serial_explain: serialSent, burst_explain: burstSent.explain, burst_empty: burstSent.empty },
    bottleneck: [
      describe('explain'),
      describe('empty'),
      `CPU per command over the bench's processes: /explain ${lastOf('explain').cpu.cpu_ms_per_command_bench_processes} ms, empty ${lastOf('empty').cpu.cpu_ms_per_command_bench_processes} ms; ` +
        `the /explain work by itself (processor in-process, memory state) ${work.cpu_ms_per_command} ms. When the bursts are CPU-bound the ratio ` +
        `burst/empty tends to empty/explain CPU = ${round(lastOf('empty').cpu.cpu_ms_per_command_bench_processes / lastOf('explain').cpu.cpu_ms_per_command_bench_processes, 2)}.`,
    ],
    notes: [
      'Serial latency is a chain of about a dozen sequential hops between processes (edge: locale GET, depth, add; worker: wake, take, ' +
        'progress reads, button SETs in one pipeline, outbox add; consumer: wake, take, render): each costs about one redis_ping_rtt, ' +
        'which on a loaded machine is mostly waiting to be scheduled.',
      `Burst pacing: at most ${MAX_IN_FLIGHT} commands in flight (dispatched, final reply not yet rendered), ${PRODUCER_LANES} producer lanes; ` +
        `dispatch refuses with "busy" at ${QUEUE_BUSY_DEPTH.fast} waiting fast jobs (QUEUE_BUSY_DEPTH), so an unpaced producer would be refused.`,
      `Commands come from the terminal platform (exempt from per-user rate limits), ${USERS} users, ${BURST_LINES.length} topics/questions in en and zh.`,
      `Workers: ${WORKERS} child processes each for /explain (src/main/worker.ts) and empty work (bench/support/empty-worker.ts), fast-queue concurrency ${DEFAULT_CONCURRENCY.fast} each; ` +
        'all four stay up for the whole run (the idle pair waits on a blocking pop). Edge, outbox consumer and renderJson run in the bench process.',
      'cpu: user+system CPU from /proc over the burst wall time (other_processes: the rest of the machine, not this bench); ' +
        'rounds[].redis: socket reads = INFO stats total_reads_processed (one read can carry many pipelined commands of many clients), commands run = INFO commandstats (Lua-internal calls included); ' +
        'redis_commands_sent: MONITOR on warm-up runs, commands sent by clients (auto-pipelined ones share a round trip), attributed to processes by socket port.',
    ],
    elapsed_s: round((performance.now() - started) / 1000, 1),
  };
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
