/**
 * `npm run eval:model`: the tiny GPT in models/ (the new one) against the shipped model of a commit (`--base`, default
 * HEAD), built from `git archive` of that commit into a temporary folder (never a committed copy). One JSON object.
 *
 * - heldout_bpb / shipped_heldout_bpb: bits per byte on training/heldout-frozen.txt, paragraphs no corpus trains on
 *   since recipe 2.0 (the shipped model of an older recipe may have trained on some: its figure is then optimistic);
 *   bytes, not tokens, so models with different tokenizers compare. heldout_bpb_ratio = new / shipped.
 * - Over 20 fixed prompts (10 en, 10 zh), /generate's defaults (GENERATE_DEFAULTS) with seeds 1–20:
 *   blank_flood_rate (outputs with ≥ 3 newlines in a row), loop_rate (outputs repeating a 4-gram ≥ 3 times: words in
 *   English, characters in Chinese), distinct2 (distinct bigrams ÷ bigrams); the same with the model alone
 *   (`raw_*`: no repetition rules, no paragraph stop) to show what decoding adds.
 * - attention_head and its sink-free pattern score (training/choose-head.ts), both models; decode_tok_s of both
 *   (greedy, plain loop, same prompts) and their ratio.
 * - The fine-tuned stage (models/gpt-tutor-tiny-chat) against the pretrained one it was tuned from (both in models/):
 *   base_accuracy and tuned_accuracy on the held-out questions (training/chat-data/heldout-questions.json, never
 *   trained on) — the share of answers containing the key fact, the same prompt and decoding as /compare —,
 *   tuned_minus_base, per language, fine_tuning_seconds (its manifest), and tuned_decode_tok_s with its ratio to
 *   the base's decode speed measured in the same run.
 * Usage: npm run eval:model [-- --base <commit>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATE_DEFAULTS } from '../commands/generate/handler.js';
import { DEFAULT_MODELS_DIR, loadTinyGpt, TINY_CHAT_NAME, TINY_GPT_NAME, type TinyGpt } from '../src/model/index.js';
import { chooseHead } from '../training/choose-head.js';
import { heldoutAccuracy } from '../training/heldout-accuracy.js';
import { tunedStageOf } from '../src/main/model-kit.js';
import { REPO_ROOT } from './support/processes.js';

const PROMPTS = [
  'Attention is', 'The cat', 'GPT stands for', 'Pretraining means', 'A token is', 'Fine-tuning', 'The Transformer', 'Softmax turns', 'When a model samples', 'Embeddings are',
  '注意力机制', 'GPT是', '预训练', '词元是', '微调就是', 'Transformer由', 'softmax把', '温度越高', '嵌入向量', '大语言模型',
];
const SPEED_TOKENS = 60;
const LOOP_GRAM = 4;
const LOOP_REPEATS = 3;

const { values } = parseArgs({ options: { base: { type: 'string', default: 'HEAD' } } });
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The committed model of `commit`, unpacked into a temporary folder. */
function archived(commit: string): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'gpt-tutor-eval-'));
  const tar = execFileSync('git', ['archive', commit, `models/${TINY_GPT_NAME}`], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', root], { input: tar });
  return { dir: join(root, 'models'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function frozenParagraphs(): string[] {
  const text = readFileSync(join(REPO_ROOT, 'training', 'heldout-frozen.txt'), 'utf8').split('\n').filter((line) => !line.startsWith('#')).join('\n');
  return text.split('\n\n').map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p.trim() !== '');
}

async function bitsPerByte(gpt: TinyGpt, paragraphs: string[]): Promise<number> {
  let nats = 0;
  let bytes = 0;
  for (const paragraph of paragraphs) {
    const score = await gpt.score(paragraph);
    nats += score.nats;
    bytes += score.bytes;
  }
  return nats / Math.LN2 / bytes;
}

const units = (text: string) => (/\p{Script=Han}/u.test(text) ? [...text.replace(/\s+/g, '')] : text.toLowerCase().split(/\s+/).filter(Boolean));

function textFigures(texts: string[]) {
  let floods = 0;
  let loops = 0;
  const bigrams = new Set<string>();
  let bigramCount = 0;
  for (const text of texts) {
    if (/(\n[ \t]*){3,}/.test(text)) floods++;
    const u = units(text);
    const grams = new Map<string, number>();
    for (let i = 0; i + LOOP_GRAM <= u.length; i++) {
      const gram = u.slice(i, i + LOOP_GRAM).join(' ');
      grams.set(gram, (grams.get(gram) ?? 0) + 1);
    }
    if ([...grams.values()].some((count) => count >= LOOP_REPEATS)) loops++;
    for (let i = 0; i + 2 <= u.length; i++) {
      bigrams.add(`${u[i]} ${u[i + 1]}`);
      bigramCount++;
    }
  }
  return { blank_flood_rate: floods / texts.length, loop_rate: loops / texts.length, distinct2: round(bigrams.size / Math.max(1, bigramCount)) };
}

async function generations(gpt: TinyGpt, readable: boolean): Promise<string[]> {
  const texts: string[] = [];
  for (const [i, prompt] of PROMPTS.entries()) {
    const settings = readable ? GENERATE_DEFAULTS : { maxNewTokens: GENERATE_DEFAULTS.maxNewTokens, temperature: GENERATE_DEFAULTS.temperature, topK: GENERATE_DEFAULTS.topK };
    texts.push((await gpt.generator.generate({ prompt, seed: i + 1, ...settings })).text);
  }
  return texts;
}

async function decodeTokensPerSecond(gpt: TinyGpt): Promise<number> {
  await gpt.generator.generate({ prompt: PROMPTS[0]!, maxNewTokens: 8, temperature: 0 }); // warm-up
  let tokens = 0;
  const started = performance.now();
  for (const prompt of PROMPTS) tokens += (await gpt.generator.generate({ prompt, maxNewTokens: SPEED_TOKENS, temperature: 0 })).newTokens;
  return tokens / ((performance.now() - started) / 1000);
}

async function measure(modelsDir: string, label: string) {
  log(`${label}: ${join(modelsDir, TINY_GPT_NAME)}`);
  const gpt = await loadTinyGpt({ modelsDir, name: TINY_GPT_NAME });
  let figures;
  try {
    const bpb = await bitsPerByte(gpt, frozenParagraphs());
    const readable = textFigures(await generations(gpt, true));
    const raw = textFigures(await generations(gpt, false));
    figures = { bpb, readable, raw, speed: await decodeTokensPerSecond(gpt) };
  } finally {
    await gpt.close();
  }
  // After close: chooseHead loads (and closes) the same folder itself, which the loader would hand back shared.
  const { choice } = await chooseHead(join(modelsDir, TINY_GPT_NAME));
  return { ...figures, head: choice };
}

/** The two stages in models/: held-out accuracy of each, fine-tuning time, and decode speeds measured back to back. */
async function stages() {
  log(`stages: ${TINY_GPT_NAME} and ${TINY_CHAT_NAME} in ${DEFAULT_MODELS_DIR}`);
  const base = await loadTinyGpt({ name: TINY_GPT_NAME });
  const tuned = await loadTinyGpt({ name: TINY_CHAT_NAME });
  try {
    const { prompt } = tunedStageOf(tuned);
    const baseAccuracy = await heldoutAccuracy(base, prompt);
    const tunedAccuracy = await heldoutAccuracy(tuned, prompt);
    const baseSpeed = await decodeTokensPerSecond(base);
    const tunedSpeed = await decodeTokensPerSecond(tuned);
    const manifest = JSON.parse(readFileSync(join(DEFAULT_MODELS_DIR, TINY_CHAT_NAME, 'manifest.json'), 'utf8')) as { training: { seconds: number; total_seconds: number } };
    return {
      base_accuracy: baseAccuracy.accuracy,
      tuned_accuracy: tunedAccuracy.accuracy,
      tuned_minus_base: round(tunedAccuracy.accuracy - baseAccuracy.accuracy, 3),
      base_accuracy_by_lang: { en: baseAccuracy.en, zh: baseAccuracy.zh },
      tuned_accuracy_by_lang: { en: tunedAccuracy.en, zh: tunedAccuracy.zh },
      heldout_questions: tunedAccuracy.answers.length,
      fine_tuning_seconds: manifest.training.seconds,
      fine_tuning_total_seconds: manifest.training.total_seconds,
      tuned_decode_tok_s: Math.round(tunedSpeed),
      tuned_decode_ratio: round(tunedSpeed / baseSpeed, 3),
    };
  } finally {
    await Promise.all([base.close(), tuned.close()]);
  }
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

const base = archived(values.base!);
try {
  const shipped = await measure(base.dir, `shipped (${values.base})`);
  const fresh = await measure(DEFAULT_MODELS_DIR, 'new (models/)');
  const tuning = await stages();
  process.stdout.write(
    `${JSON.stringify({
      base: values.base,
      heldout_bpb: round(fresh.bpb),
      shipped_heldout_bpb: round(shipped.bpb),
      heldout_bpb_ratio: round(fresh.bpb / shipped.bpb),
      ...fresh.readable,
      shipped: shipped.readable,
      raw: fresh.raw,
      shipped_raw: shipped.raw,
      attention_head: { layer: fresh.head.layer + 1, head: fresh.head.head + 1, pattern: fresh.head.pattern, sink_free_score: fresh.head.sink_free_score, chance_score: fresh.head.chance_score },
      shipped_attention_head: { layer: shipped.head.layer + 1, head: shipped.head.head + 1, pattern: shipped.head.pattern, sink_free_score: shipped.head.sink_free_score },
      decode_tok_s: Math.round(fresh.speed),
      shipped_decode_tok_s: Math.round(shipped.speed),
      decode_ratio: round(fresh.speed / shipped.speed, 3),
      ...tuning,
    })}\n`,
  );
} finally {
  base.cleanup();
}
