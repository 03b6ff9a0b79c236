/**
 * Tokens per second of the tiny GPT's generator (greedy) against the plainest greedy loop on onnxruntime-node over
 * the same ONNX file with the same threads, measured in one run, interleaved. Prints JSON; the ratio is the verdict
 * (generator / baseline; 1.0 = no overhead), not the absolute numbers, which depend on the machine and its load.
 * The ratio is the median of per-pair ratios: each pair runs back to back, so both sides see the same machine load.
 * Usage: npm run bench:model [-- --dtype fp32] [-- --tokens 128] [-- --runs 15]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODELS_DIR, loadTinyGpt, openBaseline, TINY_GPT_NAME, type ModelDtype } from '../src/model/index.js';

const { values } = parseArgs({
  options: { dtype: { type: 'string', default: 'q8' }, tokens: { type: 'string', default: '128' }, runs: { type: 'string', default: '15' } },
});
const dtype = values.dtype as ModelDtype;
const tokens = Number(values.tokens);
const runs = Number(values.runs);
const THREADS = 1;
const PROMPT = 'Attention';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const gpt = await loadTinyGpt({ dtype, threads: THREADS });
const file = dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx';
const { layers, heads, hiddenSize, endId } = gpt.info;
const baseline = await openBaseline(join(DEFAULT_MODELS_DIR, TINY_GPT_NAME, 'onnx', file), { layers, heads, headSize: hiddenSize / heads }, THREADS);
const promptIds = gpt.encode(PROMPT);

async function timeGenerator(): Promise<[number, number]> {
  const t0 = performance.now();
  const r = await gpt.generator.generate({ prompt: PROMPT, maxNewTokens: tokens, temperature: 0 }, () => undefined);
  return [r.newTokens, performance.now() - t0];
}
async function timeBaseline(): Promise<[number, number]> {
  const t0 = performance.now();
  const ids = await baseline.generate(promptIds, tokens, endId);
  return [ids.length, performance.now() - t0];
}

for (let i = 0; i < 3; i++) {
  await timeGenerator(); // warm-up: the first runs allocate and let onnxruntime settle
  await timeBaseline();
}
const gen: number[] = [];
const raw: number[] = [];
const ratios: number[] = [];
let counts: [number, number] = [0, 0];
for (let i = 0; i < runs; i++) {
  // Alternate the order so drift in machine load hits both sides alike.
  const pair = i % 2 === 0 ? [await timeGenerator(), await timeBaseline()] : [await timeBaseline(), await timeGenerator()].reverse();
  const [g, b] = pair as [[number, number], [number, number]];
  counts = [g[0], b[0]];
  gen.push((g[0] / g[1]) * 1000);
  raw.push((b[0] / b[1]) * 1000);
  ratios.push((g[0] / g[1]) / (b[0] / b[1]));
}
await baseline.release();
await gpt.close();
const generatorTps = median(gen);
const baselineTps = median(raw);
process.stdout.write(`${JSON.stringify({
  bench: 'model-generate',
  model: TINY_GPT_NAME,
  dtype,
  threads: THREADS,
  prompt: PROMPT,
  new_tokens: { generator: counts[0], baseline: counts[1] },
  runs,
  tokens_per_s: { generator: Math.round(generatorTps), onnxruntime_loop: Math.round(baselineTps) },
  ratio_generator_to_baseline: Number(median(ratios).toFixed(3)),
  ratio_range: [Number(Math.min(...ratios).toFixed(3)), Number(Math.max(...ratios).toFixed(3))],
}, null, 2)}\n`);
