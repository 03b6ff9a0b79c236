/**
 * `npm run bench:model`: the shipped tiny GPT's serving speed, one JSON object on stdout (logs on stderr), every
 * ratio from baselines measured in the same run.
 *
 * - raw_tok_s: the plainest greedy loop on onnxruntime-node (src/model/ort-baseline.ts) over the same q8 file with
 *   the same threads; generator_tok_s: the worker's generator called directly (no queue), greedy, same prompt and
 *   token count. Runs alternate in pairs; generator_vs_raw is the median of per-pair ratios (target ≥ 0.9).
 * - single_tok_s / batch8_tok_s: /generate jobs (default sampling, 60 new tokens, fixed seeds) through BullMQ to a
 *   fresh `npm run worker` process (WORKER_MODEL_CONCURRENCY=8) on a Redis this bench starts: one job at a time vs 8
 *   at once (its micro-batching), new tokens over wall time; batch8_vs_single (target ≥ 3). batch8_vs_single_direct:
 *   the same requests on the generator directly (no queue, no per-job overhead): what the batching engine gives.
 * - wasm_tok_s: the generator on onnxruntime-web (INFERENCE_BACKEND=wasm), as generator_tok_s; native_vs_wasm.
 * - import_ms / load_ms: a fresh process importing the runtime (onnxruntime-node + @huggingface/tokenizers), then creating
 *   the model's sessions (target ≤ 300 ms); load_total_ms adds the tokenizer.
 * - rss_mb: the fresh worker's resident memory after loading the model and serving one /generate, read from
 *   /proc/<pid>/status by this process (target ≤ 250); rss_after_batch_mb after the batch rounds.
 * Usage: npm run bench:model [-- --tokens 128] [-- --runs 15] [-- --rounds 3]
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createRuntime } from '../src/main/runtime.js';
import { DEFAULT_MODELS_DIR, loadTinyGpt, openBaseline, TINY_GPT_NAME, type TinyGpt } from '../src/model/index.js';
import { killAllWorkersNow, REAL_WORKER, REPO_ROOT, startWorker, stopAllWorkers } from './support/processes.js';
import { startRedis, type BenchRedis } from './support/redis.js';

const { values } = parseArgs({
  options: { tokens: { type: 'string', default: '128' }, runs: { type: 'string', default: '15' }, rounds: { type: 'string', default: '3' } },
});
const TOKENS = Number(values.tokens);
const RUNS = Number(values.runs);
const ROUNDS = Number(values.rounds);
const THREADS = 1;
const PROMPT = 'Attention';
const BATCH = 8;
const JOB_TOKENS = 60;
const JOB_PROMPTS = ['Attention is', 'GPT stands for', '注意力机制', 'The Transformer', 'Tokens are', '预训练', 'A language model', 'Softmax turns'];
const OUTBOX = 'outbox-bench-model';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const log = (message: string) => process.stderr.write(`bench:model: ${message}\n`);

async function greedyTokS(gpt: TinyGpt): Promise<number> {
  const t0 = performance.now();
  const r = await gpt.generator.generate({ prompt: PROMPT, maxNewTokens: TOKENS, temperature: 0 }, () => undefined);
  return (r.newTokens / (performance.now() - t0)) * 1000;
}

/** generator vs the bare onnxruntime-node loop, interleaved pairs. */
async function generatorVsRaw() {
  const gpt = await loadTinyGpt({ threads: THREADS });
  const { layers, heads, hiddenSize, endId } = gpt.info;
  const baseline = await openBaseline(join(DEFAULT_MODELS_DIR, TINY_GPT_NAME, 'onnx', 'model_quantized.onnx'), { layers, heads, headSize: hiddenSize / heads }, THREADS);
  const promptIds = gpt.encode(PROMPT);
  const raw = async () => {
    const t0 = performance.now();
    const ids = await baseline.generate(promptIds, TOKENS, endId);
    return (ids.length / (performance.now() - t0)) * 1000;
  };
  for (let i = 0; i < 3; i++) {
    await greedyTokS(gpt); // warm-up: the first runs allocate and let onnxruntime settle
    await raw();
  }
  const gen: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order so drift in machine load hits both sides alike.
    const [g, b] = i % 2 === 0 ? [await greedyTokS(gpt), await raw()] : [await raw(), await greedyTokS(gpt)].reverse() as [number, number];
    gen.push(g);
    base.push(b);
    ratios.push(g / b);
  }
  await baseline.release();
  await gpt.close();
  return { raw: median(base), generator: median(gen), ratio: median(ratios), range: [Math.min(...ratios), Math.max(...ratios)] };
}

/** The same 8 requests as the worker's jobs, on the generator directly: 1 at a time vs 8 at once (no queue). */
async function directBatching() {
  const gpt = await loadTinyGpt({ threads: THREADS });
  let seed = 1;
  const request = (prompt: string) => ({ prompt, maxNewTokens: JOB_TOKENS, temperature: 0.8, topK: 40, seed: seed++ });
  const single = async () => {
    const t0 = performance.now();
    let tokens = 0;
    for (const prompt of JOB_PROMPTS) tokens += (await gpt.generator.generate(request(prompt))).newTokens;
    return (tokens / (performance.now() - t0)) * 1000;
  };
  const batch = async () => {
    const t0 = performance.now();
    const results = await Promise.all(JOB_PROMPTS.map((prompt) => gpt.generator.generate(request(prompt))));
    return (results.reduce((a, r) => a + r.newTokens, 0) / (performance.now() - t0)) * 1000;
  };
  await single();
  await batch();
  const ratios: number[] = [];
  for (let r = 0; r < 2 * ROUNDS + 1; r++) {
    const [s, b] = r % 2 === 0 ? [await single(), await batch()] : [await batch(), await single()].reverse() as [number, number];
    ratios.push(b / s);
  }
  await gpt.close();
  return median(ratios);
}

async function wasmTokS(): Promise<number> {
  const gpt = await loadTinyGpt({ threads: THREADS, backend: 'wasm' });
  for (let i = 0; i < 2; i++) await greedyTokS(gpt);
  const runs: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) runs.push(await greedyTokS(gpt));
  await gpt.close();
  return median(runs);
}

async function freshLoad(): Promise<{ import_ms: number; load_ms: number; load_total_ms: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/support/model-load.ts', 'native'], { cwd: REPO_ROOT });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { import_ms: number; load_ms: number; load_total_ms: number };
}

function rssMb(pid: number, field = 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`)) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? NaN) / 1024;
}

/** /generate through BullMQ and a fresh worker: RSS after the first job, then 1-at-a-time vs 8-at-once rounds. */
async function throughWorker(redis: BenchRedis) {
  const prefix = `bench-model-${process.pid}`;
  const worker = await startWorker('worker', REAL_WORKER, { REDIS_URL: redis.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', WORKER_MODEL_CONCURRENCY: String(BATCH) });
  const runtime = await createRuntime(loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix }), pino({ level: 'silent' }), { outbox: OUTBOX });
  let seed = 1;
  const job = async (prompt: string) => {
    const reply = await runtime.tutor.handleText(`/generate seed:${seed++} max_new_tokens:${JOB_TOKENS} ${prompt}`, {
      user: { id: `bench-${seed}` },
      chat: { id: 'bench', kind: 'private' },
      platform: 'terminal',
    });
    if (reply.command !== 'generate' || reply.newTokens === undefined) throw new Error(`unexpected reply: ${reply.text.slice(0, 200)}`);
    return reply.newTokens;
  };
  try {
    await job('Attention is');
    const rss = rssMb(worker.pid);
    const single = async () => {
      const t0 = performance.now();
      let tokens = 0;
      for (const prompt of JOB_PROMPTS) tokens += await job(prompt);
      return { tokens, ms: performance.now() - t0 };
    };
    const batch = async () => {
      const t0 = performance.now();
      const tokens = (await Promise.all(JOB_PROMPTS.map(job))).reduce((a, b) => a + b, 0);
      return { tokens, ms: performance.now() - t0 };
    };
    await batch(); // warm-up
    const singles: number[] = [];
    const batches: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [s, b] = r % 2 === 0 ? [await single(), await batch()] : [await batch(), await single()].reverse() as [{ tokens: number; ms: number }, { tokens: number; ms: number }];
      const sTokS = (s.tokens / s.ms) * 1000;
      const bTokS = (b.tokens / b.ms) * 1000;
      singles.push(sTokS);
      batches.push(bTokS);
      ratios.push(bTokS / sTokS);
      log(`round ${r + 1}: single ${sTokS.toFixed(0)} tok/s (${s.tokens} tokens), batch of ${BATCH} ${bTokS.toFixed(0)} tok/s (${b.tokens} tokens)`);
    }
    return { rss, rssAfter: rssMb(worker.pid), rssPeak: rssMb(worker.pid, 'VmHWM'), single: median(singles), batch: median(batches), ratio: median(ratios) };
  } finally {
    await runtime.close();
    await worker.stop();
  }
}

process.once('exit', killAllWorkersNow);
const load = loadavg()[0] ?? 0;
log('fresh process: import and load');
const loaded = await freshLoad();
log('generator vs raw onnxruntime loop');
const direct = await generatorVsRaw();
log('batching on the generator directly');
const directBatch = await directBatching();
log('wasm');
const wasm = await wasmTokS();
log('through the worker: Redis + a fresh worker process');
const redis = await startRedis();
let worker;
try {
  worker = await throughWorker(redis);
} finally {
  await stopAllWorkers();
  await redis.stop();
}
process.stdout.write(`${JSON.stringify({
  bench: 'model',
  model: TINY_GPT_NAME,
  dtype: 'q8',
  threads: THREADS,
  raw_tok_s: round(direct.raw),
  generator_tok_s: round(direct.generator),
  generator_vs_raw: round(direct.ratio, 3),
  generator_vs_raw_range: direct.range.map((x) => round(x, 3)),
  single_tok_s: round(worker.single),
  batch8_tok_s: round(worker.batch),
  batch8_vs_single: round(worker.ratio, 2),
  batch8_vs_single_direct: round(directBatch, 2),
  wasm_tok_s: round(wasm),
  native_vs_wasm: round(direct.generator / wasm, 2),
  import_ms: round(loaded.import_ms),
  load_ms: round(loaded.load_ms),
  load_total_ms: round(loaded.load_total_ms),
  rss_mb: round(worker.rss),
  rss_after_batch_mb: round(worker.rssAfter),
  rss_peak_mb: round(worker.rssPeak),
  settings: { greedy_tokens: TOKENS, runs: RUNS, job_new_tokens: JOB_TOKENS, batch: BATCH, rounds: ROUNDS, prompt: PROMPT },
  load_average_at_start: round(load, 2),
})}\n`);
