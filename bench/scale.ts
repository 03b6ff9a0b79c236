/**
 * `npm run bench:scale`: what a large deployment of the tutor costs (issue 23), on redis-servers this bench starts on
 * loopback itself (never another one). One JSON object on stdout, progress on stderr; everything it starts is stopped
 * by PID, and it exits by itself.
 *
 * - Memory (support/scale-soak.ts): `soak_growth_ratio` (used_memory after 20,000 commands ÷ after 2,000, target
 *   ≤ 1.2), `bytes_per_active_user`, `bytes_per_1000_commands`.
 * - Workers (support/scale-workers.ts): `workers_1_vs_2`, /explain throughput with one and two worker processes, what
 *   limits it and a projection for N cores from the CPU a command costs.
 * - Bot replicas (scale-replicas.ts): `replicas_lost` and `replicas_duplicates` with two Telegram replicas, 1,000
 *   updates, the polling one killed half-way (both must be 0).
 *
 * Knobs for quick looks: BENCH_SOAK_COMMANDS, BENCH_WORKERS_BURST.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { killAllWorkersNow, stopAllWorkers } from './support/processes.js';
import { round } from './support/queue-workload.js';
import { memoryFigures } from './support/scale-soak.js';
import { killScaleRedisNow } from './support/scale-redis.js';
import { workersFigures } from './support/scale-workers.js';
import { replicasFigures } from './scale-replicas.js';

const SOAK_GROWTH_TARGET = 1.2;
const WATCHDOG_MS = 10 * 60_000;

const t0 = performance.now();
const log = (message: string) => process.stderr.write(`bench:scale [${((performance.now() - t0) / 1000).toFixed(1)}s]: ${message}\n`);

process.once('exit', () => {
  killAllWorkersNow();
  killScaleRedisNow();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void stopAllWorkers().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`took longer than ${WATCHDOG_MS / 60_000} minutes: giving up`);
  void stopAllWorkers().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const figures: Record<string, unknown> = {};
  log('memory: soak');
  const memory = await memoryFigures(log);
  Object.assign(figures, memory);
  log('workers: one against two');
  Object.assign(figures, await workersFigures(log));
  log('bot replicas: one killed half-way');
  Object.assign(figures, await replicasFigures(log));

  const result = {
    benchmark: 'scale',
    machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg_1m_at_start: round(loadAtStart, 2), loadavg_1m_at_end: round(loadavg()[0]!, 2) },
    ...figures,
    targets: {
      soak_growth_ratio: { max: SOAK_GROWTH_TARGET, met: memory.soak_growth_ratio <= SOAK_GROWTH_TARGET },
      replicas_lost: { max: 0, met: figures['replicas_lost'] === 0 },
      replicas_duplicates: { max: 0, met: figures['replicas_duplicates'] === 0 },
    },
    notes: [
      'Memory: used_memory (INFO memory: what Redis allocated, not its RSS) of a redis-server of the soak\'s own, the queues drained at each reading. ' +
        'The soak runs the edge and the workers in this process (where they run does not change what Redis holds).',
      'soak_growth_ratio is measured with the final replies\' "answered once" marks kept 2 s instead of an hour, so their steady state ' +
        '(commands/s × TTL) is reached within the run; with the production TTL they are the one key kept per command, and ' +
        'bytes_per_1000_commands is what they cost: Redis holds commands/s × 3,600 × that ÷ 1,000 of them (soak.production_marks_at_10_commands_per_s_mb).',
      'bytes_per_active_user: 1,000 new users sending 2 commands each; a user\'s rate bucket (gone ~21 s after their last command), ' +
        '/forget index, lesson progress, and for one in ten a language choice.',
    ],
    elapsed_s: round((performance.now() - t0) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await stopAllWorkers().catch(() => undefined);
  process.exit(1);
}
