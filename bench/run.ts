/**
 * `npm run bench`: what the spine costs per command, offline. Baseline: the job processor called directly with a
 * ready job. Compared in the same run: the whole edge (parse → validate → in-process queue → processor → reply).
 * Prints JSON; the ratio is the verdict, absolute times depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import type { TutorJob } from '../src/core/jobs.js';
import { createJobProcessor } from '../src/core/processor.js';
import { createRuntime } from '../src/main/runtime.js';
import { createServices } from '../src/main/create-services.js';
import { MemoryStore } from '../src/state/memory.js';

const WARMUP_ROUNDS = 200;
const MEASURED_ROUNDS = 2_000;
const QUERIES = ['/explain attention', '/explain 什么是预训练', '/explain why did transformers replace RNNs', '/help', '/lang zh'];

async function timeRounds(run: (index: number) => Promise<unknown>): Promise<{ p50_us: number; p95_us: number; per_s: number }> {
  for (let i = 0; i < WARMUP_ROUNDS; i++) await run(i);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < MEASURED_ROUNDS; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(samples[Math.floor(q * (samples.length - 1))]! * 1000);
  return { p50_us: at(0.5), p95_us: at(0.95), per_s: Math.round((MEASURED_ROUNDS / total) * 1000) };
}

const config = loadConfig({});
const runtime = await createRuntime(config, pino({ level: 'silent' }), { outbox: 'outbox-bench' });
const asker = { user: { id: 'bench', locale: 'en' }, chat: { id: 'bench', kind: 'private' as const }, platform: 'terminal' as const };
const jobs: TutorJob[] = QUERIES.map((line) => {
  const invocation = runtime.tutor.readText(line, asker);
  const args: Record<string, string> = {};
  if (line.startsWith('/explain ')) args['topic'] = line.slice('/explain '.length);
  if (line === '/lang zh') args['language'] = 'zh';
  const address = { platform: asker.platform, chatId: asker.chat.id, userId: asker.user.id, correlationId: 'bench-correlation', outbox: 'outbox-bench' };
  return { command: invocation.command, args, context: { ...asker, locale: 'en' }, address };
});
const processor = createJobProcessor(createServices(new MemoryStore(), 'en'));

const baseline = await timeRounds((i) => processor(jobs[i % jobs.length]!));
const edge = await timeRounds((i) => runtime.tutor.handleText(QUERIES[i % QUERIES.length]!, asker));
await runtime.close();

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'spine-offline',
      rounds: MEASURED_ROUNDS,
      queries: QUERIES,
      baseline_processor_direct: baseline,
      edge_via_in_process_queue: edge,
      ratio_edge_over_baseline_p50: Number((edge.p50_us / baseline.p50_us).toFixed(2)),
      ratio_edge_over_baseline_throughput: Number((edge.per_s / baseline.per_s).toFixed(2)),
    },
    null,
    2,
  )}\n`,
);
