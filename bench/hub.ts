/**
 * `npm run bench:hub`: the production instruct model's path on its real shape — Qwen2.5-0.5B's exact architecture
 * (24 layers, hidden 896, 14 heads, 2 KV heads, vocabulary 151,936), random seeded weights, int8 — built on demand by
 * training/qwen/export_qwen.py into .cache/ (rebuilt only when the exporter changes), with the real Qwen tokenizer.
 * One JSON object on stdout, logs on stderr; every ratio from baselines measured in this run, on the same file and
 * threads:
 * - generator_tok_s vs transformersjs_tok_s: our decode loop vs transformers.js's own model.generate() (greedy, the
 *   same prompt and token count), interleaved pairs; generator_vs_transformersjs is the median per-pair ratio.
 * - batch8_vs_single: 8 concurrent answers through the worker's batching vs one, new tokens over wall time.
 * - ttft_ms p50/p95: time to the first streamed token of /explain's real prompt (the attention lesson in the system
 *   turn, at the beginner level /explain uses by default and at the expert level, ~900 tokens), with each prompt
 *   prefilled whole (cold) and with the lesson's KV cache kept (warm); prefill_tok_s from the cold ones.
 * - class30_s: 30 students asking about one lesson (expert level) at once, 120-token answers, on one worker (WORKER_MODEL_CONCURRENCY
 *   jobs at a time, the rest waiting), until the last is complete, with the prefix cache and without;
 *   class30_timed_out: answers that would pass the model queue's timeout; class30_double_concurrency_s with twice
 *   the jobs at once (WORKER_MODEL_CONCURRENCY=16: bigger batches).
 * - rss_mb of this process with the model loaded, and after the class run; threads used.
 * Usage: npm run bench:hub [-- --threads 2] [-- --tokens 32] [-- --pairs 3] [-- --only speed (the transformers.js pairs alone)]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answerMessages } from '../commands/explain/generated-answer.js';
import { loadConfig } from '../src/config/config.js';
import { shippedContent } from '../src/content/shipped.js';
import type { Level } from '../src/core/lessons/types.js';
import type { Lang } from '../src/core/locale.js';
import { loadTinyGpt, type TinyGpt } from '../src/model/index.js';
import { JOB_TIMEOUT_MS } from '../src/queue/settings.js';
import { installQwenTokenizer } from '../training/qwen/install-tokenizer.js';
import { QWEN_PYTHON } from '../training/qwen/python.js';
import { nearestRank } from './support/stats.js';
import { REPO_ROOT } from './support/processes.js';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: String(availableParallelism()) },
    tokens: { type: 'string', default: '32' },
    pairs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const THREADS = Number(values.threads);
const TOKENS = Number(values.tokens);
const PAIRS = Number(values.pairs);
const CLASS_SIZE = 30;
const CLASS_TOKENS = 120;
const BATCH = 8;
const LEVELS = ['beginner', 'expert'] as const;
/** Model jobs a worker runs at once by default (WORKER_MODEL_CONCURRENCY). */
const CONCURRENCY = loadConfig({}).WORKER_MODEL_CONCURRENCY;
const PROMPT = 'Attention lets every token';
const log = (message: string) => process.stderr.write(`bench:hub: ${message}\n`);
const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const median = (xs: number[]) => nearestRank([...xs].sort((a, b) => a - b), 0.5);
const rssMb = () => round(process.memoryUsage().rss / 1048576);

/** Builds (or finds, keyed by the exporter's version) the full shape, and puts the real tokenizer beside it. */
function fullShape(): { folder: string; build: Record<string, unknown> } {
  log('building the full Qwen2.5-0.5B shape (cached in .cache/ by the exporter version)…');
  const out = execFileSync(QWEN_PYTHON, ['training/qwen/export_qwen.py', '--shape', 'full'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const build = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown> & { folder: string };
  build.folder = resolve(REPO_ROOT, build.folder);
  installQwenTokenizer(build.folder, 'qwen2.5');
  return { folder: build.folder, build };
}

/** Students' questions about one lesson, as a class asks them. */
const QUESTIONS: Record<Lang, string[]> = {
  en: ['why does attention need a query and a key?', 'what does softmax do to the scores?', 'how is this different from an RNN?', 'why scale by the square root of d?', 'what does the value vector carry?', 'can a token attend to itself?'],
  zh: ['为什么注意力需要查询和键？', 'softmax 对分数做了什么？', '这和循环神经网络有什么不同？', '为什么要除以 d 的平方根？', '值向量带着什么信息？', '一个词元能关注自己吗？'],
};

/** /explain's prompt for question i: the attention lesson at `level` in the system turn, in en or zh alternately. */
function explainPrompts(gpt: TinyGpt, count: number, level: Level): { prompt: string; tokens: number }[] {
  const { catalog } = shippedContent();
  return Array.from({ length: count }, (_, i) => {
    const lang: Lang = i % 2 === 0 ? 'en' : 'zh';
    const lesson = catalog.lesson(lang, 'attention');
    const question = QUESTIONS[lang][Math.floor(i / 2) % QUESTIONS[lang].length]!;
    const prompt = gpt.chatPrompt(answerMessages(lang, lesson.title, lesson.levels[level], `${question} (${i})`));
    return { prompt, tokens: gpt.encode(prompt).length };
  });
}

async function timeToFirstToken(gpt: TinyGpt, prompt: string): Promise<number> {
  const t0 = performance.now();
  let first = 0;
  await gpt.generator.generate({ prompt, maxNewTokens: 2, temperature: 0 }, () => (first ||= performance.now() - t0));
  return first || performance.now() - t0;
}

/** transformers.js's own generate() on the same file and threads: the thing a user would reach for instead. */
async function transformersJs(folder: string) {
  const { AutoModelForCausalLM, AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(folder);
  const id = basename(folder);
  const tokenizer = await AutoTokenizer.from_pretrained(id);
  const model = await AutoModelForCausalLM.from_pretrained(id, { dtype: 'q8', device: 'cpu', session_options: { intraOpNumThreads: THREADS, interOpNumThreads: 1 } });
  const inputs = tokenizer(PROMPT, { add_special_tokens: false }) as Parameters<typeof model.generate>[0] & { input_ids: { dims: number[] } };
  return {
    async tokS(): Promise<number> {
      const t0 = performance.now();
      const out = (await model.generate({ ...inputs, max_new_tokens: TOKENS, min_new_tokens: TOKENS, do_sample: false })) as { dims: number[] };
      const made = (out.dims[1] ?? 0) - (inputs.input_ids.dims[1] ?? 0);
      return (made / (performance.now() - t0)) * 1000;
    },
    close: () => model.dispose(),
  };
}

async function greedyTokS(gpt: TinyGpt): Promise<number> {
  const t0 = performance.now();
  const r = await gpt.generator.generate({ prompt: PROMPT, maxNewTokens: TOKENS, temperature: 0 });
  return (r.newTokens / (performance.now() - t0)) * 1000;
}

/**
 * 30 questions at once on one worker: it takes WORKER_MODEL_CONCURRENCY model jobs at a time (the rest wait in the
 * queue, their clock running), each a 120-token answer. Seconds until the last is complete, counted from the moment
 * all were asked, and how many would pass the model queue's timeout.
 */
async function classRun(gpt: TinyGpt, prompts: readonly { prompt: string }[], concurrency: number) {
  const t0 = performance.now();
  const done: number[] = [];
  let next = 0;
  const slot = async () => {
    while (next < prompts.length) {
      const { prompt } = prompts[next++]!;
      await gpt.generator.generate({ prompt, maxNewTokens: CLASS_TOKENS, temperature: 0 });
      done.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  return { seconds: round(Math.max(...done) / 1000, 1), timedOut: done.filter((ms) => ms > JOB_TIMEOUT_MS.model).length, p50Ms: round(median(done)) };
}

/** Interleaved pairs, the order swapped every other pair so drift favours neither. */
async function versusTransformersJs(gpt: TinyGpt, folder: string) {
  const hf = await transformersJs(folder);
  await hf.tokS(); // each side's first pass allocates its buffers
  await greedyTokS(gpt);
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await greedyTokS(gpt);
      b = await hf.tokS();
    } else {
      b = await hf.tokS();
      a = await greedyTokS(gpt);
    }
    ours.push(a);
    theirs.push(b);
    ratios.push(a / b);
  }
  await hf.close();
  return { ours, theirs, ratios };
}

/** `--only speed`: just our loop against transformers.js's generate(), for more pairs than the whole run affords. */
async function speedOnly() {
  const { folder } = fullShape();
  const gpt = await loadTinyGpt({ name: folder, dtype: 'q8', threads: THREADS });
  const { ours, theirs, ratios } = await versusTransformersJs(gpt, folder);
  await gpt.close();
  process.stdout.write(`${JSON.stringify({ threads: THREADS, tokens: TOKENS, pairs: PAIRS, generator_tok_s: round(median(ours), 1), transformersjs_tok_s: round(median(theirs), 1), generator_vs_transformersjs: round(median(ratios), 2), ratio_min: round(Math.min(...ratios), 2), ratio_max: round(Math.max(...ratios), 2) })}\n`);
}

async function main() {
  const { folder, build } = fullShape();
  const rssBefore = rssMb();
  const cached = await loadTinyGpt({ name: folder, dtype: 'q8', threads: THREADS });
  const rssLoaded = rssMb();
  log(`loaded ${cached.info.layers} layers, ${cached.info.heads} heads (rss ${rssLoaded} MB)`);

  // Time to first token with the lesson's cache kept: every student of a lesson after the first reuses it. Two levels:
  // beginner (what /explain uses unless asked: ~400 prompt tokens) and expert (~850-920).
  const ttftPrompts = { beginner: explainPrompts(cached, 8, 'beginner'), expert: explainPrompts(cached, 8, 'expert') };
  const warm = { beginner: [] as number[], expert: [] as number[] };
  await greedyTokS(cached); // a first pass allocates the session's buffers: not a student's wait
  for (const level of LEVELS) {
    await timeToFirstToken(cached, ttftPrompts[level][0]!.prompt); // primes the lesson's cache (en)
    await timeToFirstToken(cached, ttftPrompts[level][1]!.prompt); // and zh
    for (const p of ttftPrompts[level].slice(2)) warm[level].push(await timeToFirstToken(cached, p.prompt));
  }
  log(`ttft warm p50 ${round(median(warm.beginner))} / ${round(median(warm.expert))} ms`);

  const classPrompts = explainPrompts(cached, CLASS_SIZE, 'expert');
  const withPrefix = await classRun(cached, classPrompts, CONCURRENCY);
  const rssAfterClass = rssMb();
  log(`class30 with the prefix cache: ${withPrefix.seconds} s`);
  const wider = await classRun(cached, classPrompts, 2 * CONCURRENCY);
  log(`class30 with ${2 * CONCURRENCY} jobs at once: ${wider.seconds} s`);

  const whole = await loadTinyGpt({ name: folder, dtype: 'q8', threads: THREADS, prefixCacheBytes: 0 });
  const cold = { beginner: [] as number[], expert: [] as number[] };
  await greedyTokS(whole);
  for (const level of LEVELS) for (const p of ttftPrompts[level].slice(2)) cold[level].push(await timeToFirstToken(whole, p.prompt));
  log(`ttft cold p50 ${round(median(cold.beginner))} / ${round(median(cold.expert))} ms`);
  const withoutPrefix = await classRun(whole, classPrompts, CONCURRENCY);
  log(`class30 without: ${withoutPrefix.seconds} s`);

  const single: number[] = [];
  const batch: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    single.push(await greedyTokS(whole));
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: BATCH }, (_, j) => whole.generator.generate({ prompt: `${PROMPT} ${j}`, maxNewTokens: TOKENS, temperature: 0 })));
    batch.push((results.reduce((n, r) => n + r.newTokens, 0) / (performance.now() - t0)) * 1000);
  }
  await whole.close();

  const { ours, theirs, ratios } = await versusTransformersJs(cached, folder);
  await cached.close();

  const quantiles = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: round(nearestRank(sorted, 0.5)), p95: round(nearestRank(sorted, 0.95)) };
  };
  const ttft = (level: Level & keyof typeof cold) => {
    const tokens = ttftPrompts[level].slice(2).map((p) => p.tokens);
    return {
      prompt_tokens_p50: median(tokens),
      cold: quantiles(cold[level]),
      warm: quantiles(warm[level]),
      warm_vs_cold_p50: round(median(warm[level]) / median(cold[level]), 3),
      prefill_tok_s: round(median(tokens.map((n, i) => (n / cold[level][i]!) * 1000)), 1),
    };
  };
  process.stdout.write(`${JSON.stringify({
    model: { shape: 'Qwen2.5-0.5B (random weights)', layers: cached.info.layers, heads: cached.info.heads, hidden: cached.info.hiddenSize, vocab: cached.info.vocabSize, dtype: 'q8', build },
    threads: THREADS,
    cores: availableParallelism(),
    generator_tok_s: round(median(ours), 1),
    transformersjs_tok_s: round(median(theirs), 1),
    generator_vs_transformersjs: round(median(ratios), 2),
    single_tok_s: round(median(single), 1),
    batch8_tok_s: round(median(batch), 1),
    batch8_vs_single: round(median(batch) / median(single), 2),
    ttft_ms: { beginner: ttft('beginner'), expert: ttft('expert') },
    class30_prompt_tokens_p50: median(classPrompts.map((p) => p.tokens)),
    class30_s: withPrefix.seconds,
    class30_timed_out: withPrefix.timedOut,
    class30_answer_p50_ms: withPrefix.p50Ms,
    class30_without_prefix_s: withoutPrefix.seconds,
    class30_without_prefix_timed_out: withoutPrefix.timedOut,
    class30_prefix_speedup: round(withoutPrefix.seconds / withPrefix.seconds, 2),
    class30_double_concurrency_s: wider.seconds,
    class30_double_concurrency_timed_out: wider.timedOut,
    model_queue_timeout_s: JOB_TIMEOUT_MS.model / 1000,
    worker_model_concurrency: CONCURRENCY,
    rss_mb: { before_load: rssBefore, loaded: rssLoaded, after_class30: rssAfterClass },
  })}\n`);
}

await (values.only === 'speed' ? speedOnly() : main());
