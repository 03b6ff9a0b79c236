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
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { QUEUE_BUSY_DEPTH } from '../src/core/limits.js';
import { createRuntime, type Runtime } from '../src/main/runtime.js';
import { DEFAULT_CONCURRENCY } from '../src/queue/settings.js';
import { EMPTY_WORKER, killAllWorkersNow, REAL_WORKER, startWorker, stopAllWorkers } from './support/processes.js';
import { burst, MAX_IN_FLIGHT, PRODUCER_LANES, type BurstResult } from './support/queue-burst.js';
import { commandsSent, cpuSnapshot, cpuUse, pingRtt, redisWork } from './support/queue-costs.js';
import { serialBreakdown, serialLatency, workOnly } from './support/queue-serial.js';
import { onDelivery } from './support/queue-sink.js';
import { BURST_LINES, OUTBOX, round, SERIAL_LINE, USERS } from './support/queue-workload.js';
import { startRedis, type BenchRedis } from './support/redis.js';

const SERIAL_WARMUP = 200;
const SERIAL_ROUNDS = Number(process.env['BENCH_SERIAL'] ?? 1_000);
const MONITOR_SERIAL = 100;
const BREAKDOWN_SERIAL = 200;
const PING_ROUNDS = 500;
const BURST_COMMANDS = Number(process.env['BENCH_BURST'] ?? 10_000);
const BURST_ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
const MONITOR_BURST = 500;
const WORKERS = 2;

const t00 = performance.now();
const log = (message: string) => process.stderr.write(`bench:queue [${((performance.now() - t00) / 1000).toFixed(1)}s]: ${message}\n`);
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

  const ping = await pingRtt(admin, PING_ROUNDS);
  log('BullMQ runtime: serial latency');
  const queue = await serialLatency(edge.explain, SERIAL_ROUNDS, SERIAL_WARMUP);
  const breakdown = await serialBreakdown(edge.explain, admin, prefixes.explain, BREAKDOWN_SERIAL);
  const serialSent = await commandsSent(processes.explain, MONITOR_SERIAL, () => serialLatency(edge.explain, MONITOR_SERIAL, 0));

  log(`burst warm-up with MONITOR (${MONITOR_BURST} commands each)`);
  const burstSent = {
    explain: await commandsSent(processes.explain, MONITOR_BURST, () => burst(edge.explain, 'explain', MONITOR_BURST, log)),
    empty: await commandsSent(processes.empty, MONITOR_BURST, () => burst(edge.empty, 'empty', MONITOR_BURST, log)),
  };

  const rounds: (BurstResult & { cpu: ReturnType<typeof cpuUse>; redis: Awaited<ReturnType<typeof redisWork>>['redis'] })[] = [];
  for (let r = 0; r < BURST_ROUNDS; r++) {
    const order: BurstResult['kind'][] = r % 2 === 0 ? ['empty', 'explain'] : ['explain', 'empty'];
    for (const kind of order) {
      log(`burst round ${r + 1}: ${BURST_COMMANDS} commands, ${kind}`);
      const before = cpuSnapshot(processes[kind]);
      const { result, redis: work } = await redisWork(admin, () => burst(edge[kind], kind, BURST_COMMANDS, log));
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
