/**
 * Where bench:queue's time goes: CPU of each process over a burst, the Redis round trip, the commands Redis ran
 * (INFO) and the commands each process sent it (MONITOR).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import type { BurstResult } from './queue-burst.js';
import { cpuSeconds, localPorts, machineBusySeconds, type WorkerChild } from './processes.js';
import { monitorRedis } from './redis.js';
import { percentile, round } from './queue-workload.js';

/** One Redis round trip on this machine right now (PING, one at a time): the unit the serial latency is made of. */
export async function pingRtt(admin: RedisClient, rounds: number): Promise<{ p50_ms: number; p99_ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await admin.ping();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: round(percentile(samples, 0.5)), p99_ms: round(percentile(samples, 0.99)) };
}

export interface Processes {
  edge: number;
  workers: WorkerChild[];
  redis: number;
  redisPort: number;
}

export function cpuSnapshot(processes: Processes): { machine: number; at: number; mine: Record<string, number> } {
  const mine: Record<string, number> = { bench_edge_and_outbox_consumer: cpuSeconds(processes.edge), redis: cpuSeconds(processes.redis) };
  processes.workers.forEach((worker) => (mine[worker.name] = cpuSeconds(worker.pid)));
  return { machine: machineBusySeconds(), at: performance.now(), mine };
}

/**
 * CPU of each process over a burst (% of one core), CPU ms per command summed over this bench's processes, and how
 * busy the whole machine was, including processes that are not this bench's (other work on a shared machine).
 */
export function cpuUse(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, commands: number) {
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

async function commandStats(admin: RedisClient): Promise<Record<string, number>> {
  const info = await admin.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

async function readsProcessed(admin: RedisClient): Promise<number> {
  return Number(/total_reads_processed:(\d+)/.exec(await admin.info('stats'))?.[1] ?? NaN);
}

/**
 * Redis work per command during a burst: INFO commandstats (every command Redis ran, including those inside Lua
 * scripts) and total_reads_processed (socket reads: about one per client round trip, pipelined commands share one).
 */
export async function redisWork(admin: RedisClient, during: () => Promise<BurstResult>) {
  await admin.config('RESETSTAT');
  const reads0 = await readsProcessed(admin);
  const result = await during();
  const reads = (await readsProcessed(admin)) - reads0 - 1;
  const calls = await commandStats(admin);
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
export async function commandsSent(processes: Processes, commands: number, run: () => Promise<unknown>) {
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
