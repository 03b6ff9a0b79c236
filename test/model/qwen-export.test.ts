/**
 * The Qwen2 exporter (training/qwen/): the tiny shape's fp32, int8 (q8) and 4-bit (q4) graphs, run on onnxruntime-node
 * directly, against the numpy reference written from HF's Qwen2 equations (training/qwen/reference.py): onnx-community
 * I/O, left padding, the KV cache, and how far the quantized graphs are from fp32.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyQwen, qwenReference, removeTinyQwen, TINY_QWEN_CONFIG as C, tinyQwenBuild, type QwenInputs } from '../support/tiny-qwen.js';

const V = C.vocab;
const PAD = 151_643; // <|endoftext|>, the pad_token_id
// Measured on the tiny build (seed 0), onnxruntime-node 1.30 CPU; the bounds leave room for other CPUs' kernels.
const FP32_TOL = 1e-5; // graph vs numpy reference: measured max 4.2e-7 (the brief allows 1e-4)
const SAME_TOL = 1e-5; // a row in a batch vs the row alone, a cached step vs a longer prefill (fp32: ~1e-7)
const Q8_TOL = 0.05; // q8 vs fp32 logits: measured max 0.012 (fp32 logits span about ±1.5)
const Q4_TOL = 0.25; // q4 vs fp32 logits: measured max 0.087
const ROWS_TOL = 1e-6; // q8 / q4: a row in a batch vs alone, measured exactly 0 (integer MatMuls, per-row scales)

// Two prompts of different lengths, batched with left padding (row 0 padded by 3), positions counted from each
// row's first real token (transformers.js: cumsum(mask) - 1, padding columns 1).
const ROWS = [[100, 2000, 30_000, 151_000, 5], [7, 8, 9, 10, 11, 12, 13, 14]];
const WIDTH = 8;

function leftPadded(rows: number[][]): QwenInputs {
  const width = Math.max(...rows.map((r) => r.length));
  const mask = rows.map((r) => [...Array<number>(width - r.length).fill(0), ...r.map(() => 1)]);
  return {
    input_ids: rows.map((r) => [...Array<number>(width - r.length).fill(PAD), ...r]),
    attention_mask: mask,
    position_ids: mask.map((m) => { let p = -1; return m.map((x) => (x ? ++p : 1)); }),
  };
}

const int64 = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0]!.length]);

type Past = Record<string, ort.Tensor>;

/** One forward pass; past = the previous call's present.* (renamed), or an empty cache. */
async function forward(session: ort.InferenceSession, inputs: QwenInputs, past?: Past) {
  const batch = inputs.input_ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(inputs.input_ids), attention_mask: int64(inputs.attention_mask), position_ids: int64(inputs.position_ids),
  };
  for (let i = 0; i < C.layers; i++) {
    for (const kind of ['key', 'value']) {
      feeds[`past_key_values.${i}.${kind}`] = past?.[`present.${i}.${kind}`] ?? new ort.Tensor('float32', new Float32Array(0), [batch, C.kvHeads, 0, C.headDim]);
    }
  }
  const out = await session.run(feeds);
  return { logits: out.logits!.data as Float32Array, dims: out.logits!.dims, out: out as Past };
}

/** The vocabulary row of logits [batch, seq, V] at (b, p). */
const at = (logits: Float32Array, seq: number, b: number, p: number) => logits.subarray((b * seq + p) * V, (b * seq + p + 1) * V);

function maxAbsDiff(a: Float32Array, b: Float32Array) {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function argmax(a: Float32Array) {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** Every (row, position) of the padded batch that holds a real token: [b, p in batch, p in the row alone]. */
const REAL = ROWS.flatMap((r, b) => r.map((_, j) => [b, WIDTH - r.length + j, j] as const));

describe('tiny Qwen2 export (training/qwen/export_qwen.py --shape tiny)', () => {
  let dir: string;
  const sessions: Record<'fp32' | 'q8' | 'q4', ort.InferenceSession> = {} as never;
  const batched = leftPadded(ROWS);
  let fp32Batch: Float32Array;

  beforeAll(async () => {
    dir = await buildTinyQwen();
    sessions.fp32 = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
    sessions.q8 = await ort.InferenceSession.create(join(dir, 'onnx', 'model_quantized.onnx'));
    sessions.q4 = await ort.InferenceSession.create(join(dir, 'onnx', 'model_q4.onnx'));
    fp32Batch = (await forward(sessions.fp32, batched)).logits;
  }, 120_000);

  /** Max |diff| over the real positions between the batch's rows and each row run alone (unpadded). */
  async function rowsAloneDiff(dtype: keyof typeof sessions, batch: Float32Array) {
    let max = 0;
    for (const [b, row] of ROWS.entries()) {
      const alone = (await forward(sessions[dtype], leftPadded([row]))).logits;
      for (const [, p, j] of REAL.filter(([rb]) => rb === b)) max = Math.max(max, maxAbsDiff(at(batch, WIDTH, b, p), at(alone, row.length, 0, j)));
    }
    return max;
  }

  afterAll(async () => {
    await Promise.all(Object.values(sessions).map((s) => s.release()));
    removeTinyQwen();
  });

  it('builds fp32, q8 and q4 in a few seconds, with a manifest of every file', async () => {
    const build = await tinyQwenBuild();
    console.info(`tiny Qwen2 build: ${build.seconds}s (${JSON.stringify(build.build_seconds)}), ${build.parameters} parameters`);
    expect(build.seconds).toBeLessThan(20); // ~1 s measured on 2 cores
    expect(build.parameters).toBe(V * C.hidden + C.layers * (C.hidden * C.heads * C.headDim * 2 + C.hidden * C.kvHeads * C.headDim * 2
      + C.heads * C.headDim + 2 * C.kvHeads * C.headDim + 3 * C.hidden * C.intermediate + 2 * C.hidden) + C.hidden);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      shape: string; seed: number; script_version: string; files: { path: string; bytes: number; sha256: string }[];
    };
    expect(manifest).toMatchObject({ shape: 'tiny', seed: 0 });
    expect(manifest.script_version).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files.map((f) => f.path)).toEqual(['config.json', 'generation_config.json', 'onnx/model.onnx', 'onnx/model_q4.onnx', 'onnx/model_quantized.onnx']);
    for (const f of manifest.files) expect(statSync(join(dir, f.path)).size, f.path).toBe(f.bytes);
    // The int8 embedding is stored once (transposed, shared by the Gather and the tied lm_head): ~V x hidden bytes.
    expect(statSync(join(dir, 'onnx', 'model_quantized.onnx')).size).toBeLessThan(V * C.hidden * 1.15);
    for (const name of ['tokenizer.json', 'tokenizer_config.json', 'LICENSE-tokenizer-qwen3-MIT', 'NOTICE']) expect(statSync(join(dir, name)).size, name).toBeGreaterThan(0);
  });

  it('config.json and generation_config.json carry the real Qwen2.5-0.5B-Instruct fields', () => {
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      architectures: ['Qwen2ForCausalLM'], model_type: 'qwen2', hidden_act: 'silu', bos_token_id: 151_643, eos_token_id: 151_645,
      hidden_size: C.hidden, intermediate_size: C.intermediate, num_hidden_layers: C.layers, num_attention_heads: C.heads,
      num_key_value_heads: C.kvHeads, max_window_layers: C.layers, vocab_size: V, rms_norm_eps: 1e-6, rope_theta: 1_000_000,
      tie_word_embeddings: true, max_position_embeddings: 32_768, sliding_window: 32_768, use_sliding_window: false,
      use_cache: true, torch_dtype: 'bfloat16', initializer_range: 0.02, attention_dropout: 0,
    });
    expect(config).not.toHaveProperty('transformers.js_config'); // only the full shape's fp32 has external data
    expect(JSON.parse(readFileSync(join(dir, 'generation_config.json'), 'utf8'))).toEqual({
      bos_token_id: 151_643, eos_token_id: [151_645, 151_643], pad_token_id: 151_643, do_sample: true,
      repetition_penalty: 1.1, temperature: 0.7, top_p: 0.8, top_k: 20,
    });
  });

  it.each(['fp32', 'q8', 'q4'] as const)('%s declares the onnx-community I/O: names, dtypes, symbolic and numeric dims', (dtype) => {
    const s = sessions[dtype];
    const kv = (i: number) => ['key', 'value'].map((k) => `${i}.${k}`);
    const layers = [...Array(C.layers).keys()].flatMap(kv);
    expect(s.inputNames).toEqual(['input_ids', 'attention_mask', 'position_ids', ...layers.map((n) => `past_key_values.${n}`)]);
    expect(s.outputNames).toEqual(['logits', ...layers.map((n) => `present.${n}`)]);
    const meta = (list: readonly ort.InferenceSession.ValueMetadata[]) => Object.fromEntries(list.map((m) => [m.name, m.isTensor ? [m.type, m.shape] : null]));
    const inputs = meta(s.inputMetadata);
    expect(inputs.input_ids).toEqual(['int64', ['batch_size', 'sequence_length']]);
    expect(inputs.attention_mask).toEqual(['int64', ['batch_size', 'total_sequence_length']]);
    expect(inputs.position_ids).toEqual(['int64', ['batch_size', 'sequence_length']]);
    const outputs = meta(s.outputMetadata);
    expect(outputs.logits).toEqual(['float32', ['batch_size', 'sequence_length', V]]);
    for (const n of layers) {
      expect(inputs[`past_key_values.${n}`]).toEqual(['float32', ['batch_size', C.kvHeads, 'past_sequence_length', C.headDim]]);
      expect(outputs[`present.${n}`]).toEqual(['float32', ['batch_size', C.kvHeads, 'total_sequence_length', C.headDim]]);
    }
  });

  it('fp32: the left-padded batch equals the numpy reference (all real positions) and each row run alone', async () => {
    const ref = await qwenReference(dir, batched);
    expect(ref.shape).toEqual([2, WIDTH, V]);
    expect(ref.presentShapes).toEqual(Array(2 * C.layers).fill([2, C.kvHeads, WIDTH, C.headDim]));
    expect(fp32Batch.every(Number.isFinite)).toBe(true); // padding rows see no key: finite mask value, no NaN
    let vsRef = 0;
    for (const [b, p] of REAL) vsRef = Math.max(vsRef, maxAbsDiff(at(fp32Batch, WIDTH, b, p), at(ref.logits, WIDTH, b, p)));
    expect(vsRef).toBeLessThan(FP32_TOL);

    expect(await rowsAloneDiff('fp32', fp32Batch)).toBeLessThan(SAME_TOL);
    // The tolerance can see rotary embeddings: the reference with every position 0 is far from the graph.
    const noRope = await qwenReference(dir, { ...batched, position_ids: batched.position_ids.map((r) => r.map(() => 0)) });
    expect(maxAbsDiff(at(fp32Batch, WIDTH, 1, WIDTH - 1), at(noRope.logits, WIDTH, 1, WIDTH - 1))).toBeGreaterThan(100 * FP32_TOL);
  });

  it('present.* is [batch, kvHeads, past + seq, headDim]: past concatenated with the new keys and values', async () => {
    const first = await forward(sessions.fp32, leftPadded([[1, 2, 3], [4, 5, 6]]));
    expect(first.out['present.0.key']!.dims).toEqual([2, C.kvHeads, 3, C.headDim]);
    const next = await forward(sessions.fp32, { input_ids: [[7, 8], [9, 10]], attention_mask: [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]], position_ids: [[3, 4], [3, 4]] }, first.out);
    expect(next.dims).toEqual([2, 2, V]);
    for (let i = 0; i < C.layers; i++) {
      for (const kind of ['key', 'value']) {
        const present = next.out[`present.${i}.${kind}`]!;
        expect(present.dims).toEqual([2, C.kvHeads, 5, C.headDim]);
        // The first 3 of 5 positions of each (batch, head) are the past, unchanged.
        const past = first.out[`present.${i}.${kind}`]!.data as Float32Array;
        const now = present.data as Float32Array;
        for (let bh = 0; bh < 2 * C.kvHeads; bh++) {
          expect(now.subarray(bh * 5 * C.headDim, (bh * 5 + 3) * C.headDim)).toEqual(past.subarray(bh * 3 * C.headDim, (bh + 1) * 3 * C.headDim));
        }
      }
    }
  });

  it.each(['fp32', 'q8'] as const)('%s: a prefill of n tokens then one cached step equals a prefill of n + 1 (left-padded batch)', async (dtype) => {
    const s = sessions[dtype];
    const prefix = leftPadded(ROWS.map((r) => r.slice(0, -1)));
    const { out } = await forward(s, prefix);
    const step = await forward(s, {
      input_ids: ROWS.map((r) => [r.at(-1)!]),
      attention_mask: prefix.attention_mask.map((m) => [...m, 1]),
      position_ids: prefix.position_ids.map((p) => [p.at(-1)! + 1]),
    }, out);
    const full = dtype === 'fp32' ? fp32Batch : (await forward(s, batched)).logits;
    for (const b of [0, 1]) expect(maxAbsDiff(at(step.logits, 1, b, 0), at(full, WIDTH, b, WIDTH - 1)), `row ${b}`).toBeLessThan(SAME_TOL);
  });

  it('q8: close to fp32 (same top-1 on the real positions), and a row in a batch equals the row alone', async () => {
    const q8 = (await forward(sessions.q8, batched)).logits;
    let diff = 0;
    let same = 0;
    for (const [b, p] of REAL) {
      diff = Math.max(diff, maxAbsDiff(at(q8, WIDTH, b, p), at(fp32Batch, WIDTH, b, p)));
      if (argmax(at(q8, WIDTH, b, p)) === argmax(at(fp32Batch, WIDTH, b, p))) same++;
    }
    console.info(`q8 vs fp32: max |diff| ${diff.toExponential(2)}, top-1 agreement ${same}/${REAL.length}`);
    expect(diff).toBeLessThan(Q8_TOL);
    expect(same).toBeGreaterThanOrEqual(REAL.length - 1); // measured: all 13
    // Per-token activation scales (training/quantize.py): a row's numbers never depend on its batch-mates.
    const rows = await rowsAloneDiff('q8', q8);
    console.info(`q8 batched rows vs alone: max |diff| ${rows}`);
    expect(rows).toBeLessThan(ROWS_TOL);
  });

  it('q4 (MatMulNBits, 4-bit blocks of 32): loads, is close to fp32, and a row in a batch equals the row alone', async () => {
    const q4 = (await forward(sessions.q4, batched)).logits;
    let diff = 0;
    let same = 0;
    for (const [b, p] of REAL) {
      diff = Math.max(diff, maxAbsDiff(at(q4, WIDTH, b, p), at(fp32Batch, WIDTH, b, p)));
      if (argmax(at(q4, WIDTH, b, p)) === argmax(at(fp32Batch, WIDTH, b, p))) same++;
    }
    console.info(`q4 vs fp32: max |diff| ${diff.toExponential(2)}, top-1 agreement ${same}/${REAL.length}`);
    expect(diff).toBeLessThan(Q4_TOL);
    expect(same).toBeGreaterThanOrEqual(REAL.length - 3); // measured: all 13
    // MatMulNBits with accuracy_level 4 quantizes activations per block of each row: rows stay independent too.
    expect(await rowsAloneDiff('q4', q4)).toBeLessThan(ROWS_TOL);
  });
});
