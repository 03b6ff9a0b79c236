/**
 * Loads the shipped tiny GPT once per process (the promise is cached, so concurrent callers share one load) and
 * offline only: transformers.js may read the repo's models/ folder and nothing remote.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import type { AttentionProbe, TextGenerator } from '../core/model-port.js';
import { TinyGptGenerator } from './generator.js';
import { DEFAULT_MODELS_DIR, TINY_GPT_NAME } from './paths.js';
import { TinyGptProbe } from './probe.js';
import { decoderSession, sessionStep } from './runtime.js';
import { readTokenBytes } from './utf8.js';

export type ModelDtype = 'q8' | 'fp32';

export interface LoadOptions {
  /** Folder holding one subfolder per model (default: the repo's models/). */
  modelsDir?: string;
  name?: string;
  /** Weights of the generator: int8 (default, smaller and faster) or fp32. The probe is always int8. */
  dtype?: ModelDtype;
  /** onnxruntime intra-op threads per session; 1 is fastest for a model this small and leaves cores to others. */
  threads?: number;
}

export interface TinyGptInfo {
  name: string;
  dtype: ModelDtype;
  context: number;
  layers: number;
  heads: number;
  /** d_model: heads × head size. */
  hiddenSize: number;
  vocabSize: number;
  endId: number;
  /** The attention probe's default view: the head that looks hardest at the previous token (chosen at build time). */
  attentionDefault: { layer: number; head: number };
}

export interface TinyGpt {
  generator: TextGenerator;
  probe: AttentionProbe;
  info: TinyGptInfo;
  /** Token ids of a text (no special tokens added): how long a prompt is, in the unit the context counts. */
  encode(text: string): number[];
  /** Frees the sessions and forgets the cached load (a later load starts afresh). */
  close(): Promise<void>;
}

interface Manifest {
  attention_default?: { layer: number; head: number };
}

interface GptConfig {
  n_layer: number;
  n_head: number;
  n_embd: number;
  n_positions: number;
  vocab_size: number;
  eos_token_id: number;
}

/** The probe file, inside the model folder. */
export const PROBE_FILE = join('onnx', 'attention_quantized.onnx');

const loads = new Map<string, Promise<TinyGpt>>();

export function loadTinyGpt(options: LoadOptions = {}): Promise<TinyGpt> {
  const o = { modelsDir: DEFAULT_MODELS_DIR, name: TINY_GPT_NAME, dtype: 'q8' as ModelDtype, threads: 1, ...options };
  const key = JSON.stringify(o);
  let load = loads.get(key);
  if (!load) {
    load = open(o, () => loads.delete(key));
    loads.set(key, load);
    load.catch(() => loads.delete(key)); // a failed load may be retried
  }
  return load;
}

async function open(o: Required<LoadOptions>, forget: () => void): Promise<TinyGpt> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = o.modelsDir;
  const folder = join(o.modelsDir, o.name);
  if (!existsSync(join(folder, 'config.json'))) {
    throw new Error(`model "${o.name}" not found in ${o.modelsDir} (build it with: npm run train:model)`);
  }
  const sessionOptions = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const tokenizer = await AutoTokenizer.from_pretrained(o.name);
  const model = await AutoModelForCausalLM.from_pretrained(o.name, {
    dtype: o.dtype,
    device: 'cpu',
    session_options: sessionOptions,
  });
  const session = await ort.InferenceSession.create(join(folder, PROBE_FILE), sessionOptions);
  const config = model.config as unknown as GptConfig;
  const tokenBytes = readTokenBytes(join(folder, 'tokenizer.json'));
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  const encode = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
  const info: TinyGptInfo = {
    name: o.name,
    dtype: o.dtype,
    context: config.n_positions,
    layers: config.n_layer,
    heads: config.n_head,
    hiddenSize: config.n_embd,
    vocabSize: config.vocab_size,
    endId: config.eos_token_id,
    attentionDefault: { layer: manifest.attention_default?.layer ?? 0, head: manifest.attention_default?.head ?? 0 },
  };
  const generator = new TinyGptGenerator({
    name: o.name,
    context: info.context,
    endId: config.eos_token_id,
    tokenBytes,
    encode,
    step: sessionStep(decoderSession(model), { layers: info.layers, heads: info.heads, headSize: info.hiddenSize / info.heads }),
  });
  const probe = new TinyGptProbe({
    session,
    layers: info.layers,
    heads: info.heads,
    context: info.context,
    tokenBytes,
    encode,
    defaultLayer: info.attentionDefault.layer,
    defaultHead: info.attentionDefault.head,
  });
  return {
    generator,
    probe,
    info,
    encode,
    async close() {
      forget();
      await Promise.all([model.dispose(), session.release()]);
    },
  };
}
