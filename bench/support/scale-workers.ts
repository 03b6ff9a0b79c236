/**
 * bench:scale's `workers_1_vs_2`: /explain throughput with one and with two `npm run worker` child processes
 * (src/main/worker.ts) on a redis-server of the bench's own, the edge and its outbox consumer (renderJson) in this
 * process, driven by bench:queue's burst (queue-burst.ts: paced, every final counted, terminal users so no rate limit).
 * Rounds one, two, one, two workers (the second stopped and started again), so a drift of the shared machine's load
 * cancels out; each round's CPU is read from /proc per process, which gives the CPU one command costs each part, and
 * from it a projection for N cores.
 */
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { createRuntime } from '../../src/main/runtime.js';
import { REAL_WORKER, startWorker, type WorkerChild } from './processes.js';
import { burst } from './queue-burst.js';
import { cpuSnapshot } from './queue-costs.js';
import { onDelivery } from './queue-sink.js';
import { OUTBOX, round } from './queue-workload.js';
import { startScaleRedis } from './scale-redis.js';

const BURST = Number(process.env['BENCH_WORKERS_BURST'] ?? 4_000);
/** After each worker start: a fresh process runs its first jobs slowly (JIT, lesson caches). */
const WARMUP = 1_000;
const CORES = [2, 4, 8, 16, 32];
const silent = pino({ level: 'warn' }, pino.destination(2));

interface Round {
  workers: number;
  commands_per_s: number;
  lost: number;
  /** CPU ms per command: all workers together, the edge (dispatch, outbox consumer, rendering), Redis. */
  cpu_ms_per_command: { workers: number; edge: number; redis: number };
  /** How busy the machine was (all its cores, this bench and anything else running). */
  machine_busy_percent: number;
  /** Of that, processes that are not this bench's (the machine is shared). */
  other_load_percent: number;
}

export async function workersFigures(log: (message: string) => void) {
  const redis = await startScaleRedis();
  const prefix = `bench-scale-workers-${process.pid}`;
  const env = { REDIS_URL: redis.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };
  const workers: WorkerChild[] = [];
  const runtime = await createRuntime(loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix }), silent, { outbox: OUTBOX, onUnclaimed: onDelivery });
  const measure = async (): Promise<Round> => {
    const processes = { edge: process.pid, workers, redis: redis.pid, redisPort: redis.port };
    const before = cpuSnapshot(processes);
    const result = await burst(runtime, 'explain', BURST, log);
    const after = cpuSnapshot(processes);
    const perCommand = (name: string) => ((after.mine[name]! - before.mine[name]!) / BURST) * 1_000;
    const workerMs = workers.reduce((total, worker) => total + perCommand(worker.name), 0);
    const seconds = (after.at - before.at) / 1000;
    const mine = Object.keys(before.mine).reduce((total, name) => total + after.mine[name]! - before.mine[name]!, 0);
    const percentOfMachine = (cpuSeconds: number) => Math.round((cpuSeconds / seconds / availableParallelism()) * 100);
    const round_: Round = {
      workers: workers.length,
      commands_per_s: result.commands_per_s,
      lost: result.lost,
      cpu_ms_per_command: { workers: round(workerMs), edge: round(perCommand('bench_edge_and_outbox_consumer')), redis: round(perCommand('redis')) },
      machine_busy_percent: percentOfMachine(after.machine - before.machine),
      other_load_percent: Math.max(0, percentOfMachine(after.machine - before.machine - mine)),
    };
    log(`  ${workers.length} worker(s): ${round_.commands_per_s} commands/s, lost ${round_.lost}, CPU ms/command ${JSON.stringify(round_.cpu_ms_per_command)}, machine ${round_.machine_busy_percent}% busy (${round_.other_load_percent}% not this bench)`);
    return round_;
  };
  try {
    const add = async (name: string) => {
      workers.push(await startWorker(name, REAL_WORKER, env));
      await burst(runtime, 'explain', WARMUP, log);
    };
    const rounds: Round[] = [];
    log(`rounds of ${BURST} /explain commands: one worker, two, one, two (${WARMUP} to warm up after each start)`);
    await add('worker_1');
    rounds.push(await measure());
    await add('worker_2');
    rounds.push(await measure());
    await workers.pop()!.stop();
    rounds.push(await measure());
    await add('worker_2');
    rounds.push(await measure());
    return summarize(rounds);
  } finally {
    await runtime.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await redis.stop();
  }
}

function summarize(rounds: Round[]) {
  const throughput = (workers: number) => {
    const mine = rounds.filter((r) => r.workers === workers);
    return mine.reduce((total, r) => total + r.commands_per_s, 0) / mine.length;
  };
  const one = throughput(1);
  const two = throughput(2);
  const busy = Math.round(rounds.filter((r) => r.workers === 2).reduce((total, r) => total + r.machine_busy_percent, 0) / 2);
  const other = Math.round(rounds.reduce((total, r) => total + r.other_load_percent, 0) / rounds.length);
  const mean = (pick: (round: Round) => number) => round(rounds.reduce((total, r) => total + pick(r), 0) / rounds.length);
  const cost = { workers: mean((r) => r.cpu_ms_per_command.workers), edge: mean((r) => r.cpu_ms_per_command.edge), redis: mean((r) => r.cpu_ms_per_command.redis) };
  const total = cost.workers + cost.edge + cost.redis;
  // Redis runs commands on one thread, and one edge process is one event loop: ceilings whatever the cores.
  const redisCeiling = 1_000 / cost.redis;
  const edgeCeiling = 1_000 / cost.edge;
  const projection = Object.fromEntries(CORES.map((cores) => [cores, Math.round(Math.min((cores * 1_000) / total, redisCeiling))]));
  const limitedBy =
    busy >= 85
      ? `CPU: with two workers the ${availableParallelism()} cores were ${busy}% busy (${other}% by processes not this bench's), shared by the workers ` +
        `(${cost.workers} ms a command), the edge (${cost.edge} ms) and Redis (${cost.redis} ms): a second worker process has no core of its own to run on`
      : `not the cores (${busy}% busy): the edge (${cost.edge} ms a command, ceiling ~${Math.round(edgeCeiling)}/s) or Redis (${cost.redis} ms, ~${Math.round(redisCeiling)}/s)`;
  return {
    workers_1_vs_2: {
      one_worker_commands_per_s: Math.round(one),
      two_workers_commands_per_s: Math.round(two),
      ratio: round(two / one, 2),
      lost: rounds.reduce((sum, r) => sum + r.lost, 0),
      limited_by: limitedBy,
      cpu_ms_per_command: { ...cost, total: round(total) },
      projection_commands_per_s_by_cores: projection,
      projection_note:
        `N cores × 1,000 / ${round(total)} CPU ms per command (workers + edge + Redis; all of them scale out but Redis), capped at Redis's one thread ` +
        `(~${Math.round(redisCeiling)}/s at ${cost.redis} ms a command; a Cluster spreads the queues over masters). One edge process tops out at ~${Math.round(edgeCeiling)}/s: ` +
        'beyond it, more bot replicas. Measured on this machine with its other load; a per-command cost measured on a busy machine is an upper bound.',
      rounds,
    },
  };
}
