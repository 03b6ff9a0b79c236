/**
 * Loads a model once per process (the promise is cached, so concurrent callers share one load). The shipped tiny
 * GPT is read offline from the repo's models/ folder: its sessions are created directly on the chosen runtime
 * (native or WASM) and its tokenizer read with @huggingface/tokenizers — transformers.js is not even imported. A hub model (hub.ts) is downloaded and
 * opened by transformers.js; either way the decode loop is ours (generator.ts, built in assemble.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { architecture, assemble, generationConfigIn, type ModelConfig } from './assemble.js';
import { loadRuntime, type InferenceBackend } from './backend.js';
import { openHubModel, type HubOptions } from './hub.js';
import { DEFAULT_MODELS_DIR, TINY_GPT_NAME } from './paths.js';
import { DEFAULT_PREFIX_CACHE_BYTES } from './prefix-cache.js';
import { TinyGptProbe } from './probe.js';
import type { ChatMessage, ModelDtype, TinyGpt } from './tiny-gpt.js';
import { loadLocalTokenizer } from './tokenizer.js';
import { readTokenBytes } from './utf8.js';

export interface LoadOptions {
  /** Folder holding one subfolder per model (default: the repo's models/). */
  modelsDir?: string;
  /** A model folder's name in modelsDir, a path to a model folder, or (with `hub`) a hub id such as org/name. */
  name?: string;
  /** Weights: int8 (default, smaller and faster), fp32, or 4-bit (hub models that ship it). The probe is int8. */
  dtype?: ModelDtype;
  /** onnxruntime intra-op threads per session; 1 is fastest for a model this small and leaves cores to others. */
  threads?: number;
  /** native (onnxruntime-node, default) or wasm (onnxruntime-web from node_modules). */
  backend?: InferenceBackend;
  /** Rows per forward pass when requests overlap. */
  maxBatch?: number;
  /** Bytes of prompt-beginning caches kept for later prompts that share them (a lesson's system prompt); 0: off. */
  prefixCacheBytes?: number;
  /** Where and how to download a model that is not a local folder (absent: local folders only). */
  hub?: HubOptions;
}

interface Manifest {
  attention_default?: { layer: number; head: number };
  architecture?: { parameters?: number };
}

/** The probe file, inside the model folder. */
export const PROBE_FILE = join('onnx', 'attention_quantized.onnx');

const DTYPE_FILES: Record<ModelDtype, string> = { q8: 'model_quantized.onnx', fp32: 'model.onnx', q4: 'model_q4.onnx' };

const loads = new Map<string, Promise<TinyGpt>>();

export function loadTinyGpt(options: LoadOptions = {}): Promise<TinyGpt> {
  const o: ResolvedOptions = {
    modelsDir: DEFAULT_MODELS_DIR,
    name: TINY_GPT_NAME,
    dtype: 'q8',
    threads: 1,
    backend: 'native',
    maxBatch: 16,
    prefixCacheBytes: DEFAULT_PREFIX_CACHE_BYTES,
    ...options,
  };
  const key = JSON.stringify({ ...o, hub: o.hub ? { ...o.hub, onProgress: undefined } : undefined });
  let load = loads.get(key);
  if (!load) {
    load = open(o, () => loads.delete(key));
    loads.set(key, load);
    load.catch(() => loads.delete(key)); // a failed load may be retried
  }
  return load;
}

type ResolvedOptions = Required<Omit<LoadOptions, 'hub'>> & { hub?: HubOptions | undefined };

/** Is `name` a local model folder, and where? */
function localFolder(o: ResolvedOptions): string | undefined {
  const inModels = join(o.modelsDir, o.name);
  if (existsSync(join(inModels, 'config.json'))) return inModels;
  const asPath = isAbsolute(o.name) ? o.name : resolve(o.name);
  if ((o.name.startsWith('.') || isAbsolute(o.name)) && existsSync(join(asPath, 'config.json'))) return asPath;
  return undefined;
}

async function open(o: ResolvedOptions, forget: () => void): Promise<TinyGpt> {
  const folder = localFolder(o);
  if (!folder) {
    if (o.hub && o.name.includes('/') && !o.name.startsWith('.') && !isAbsolute(o.name)) {
      if (o.backend !== 'native') {
        throw new Error(`INFERENCE_BACKEND=${o.backend} runs local model folders only; hub models run on the native backend (unset INFERENCE_BACKEND, or set MODEL to a downloaded folder)`);
      }
      return openHubModel(o.name, { hub: o.hub, dtype: o.dtype, threads: o.threads, maxBatch: o.maxBatch, prefixCacheBytes: o.prefixCacheBytes }, forget);
    }
    throw new Error(`model "${o.name}" not found in ${o.modelsDir} (build it with: npm run train:model)`);
  }
  const tokenizer = loadLocalTokenizer(folder);
  const runtime = await loadRuntime(o.backend);
  const started = performance.now();
  const session = await runtime.createSession(join(folder, 'onnx', DTYPE_FILES[o.dtype]), o.threads);
  const probeSession = existsSync(join(folder, PROBE_FILE)) ? await runtime.createSession(join(folder, PROBE_FILE), o.threads) : undefined;
  const sessionMs = performance.now() - started;
  const arch = architecture(readJson<ModelConfig>(join(folder, 'config.json')), generationConfigIn(folder));
  const manifestPath = join(folder, 'manifest.json');
  const manifest = readJsonIfThere<Manifest>(manifestPath);
  const encode = tokenizer.encode;
  const chatTemplate = tokenizer.chatTemplate !== undefined;
  const chatPrompt = (messages: ChatMessage[]): string => tokenizer.chatPrompt(messages);
  const attentionDefault = { layer: manifest.attention_default?.layer ?? 0, head: manifest.attention_default?.head ?? 0 };
  const name = basename(folder);
  const model = assemble({
    name,
    arch,
    ort: runtime.ort,
    session,
    tokenBytes: readTokenBytes(join(folder, 'tokenizer.json')),
    encode,
    maxBatch: o.maxBatch,
    prefixCacheBytes: o.prefixCacheBytes,
  });
  const probe = probeSession
    ? new TinyGptProbe({
        ort: runtime.ort,
        session: probeSession,
        layers: arch.layers,
        heads: arch.heads,
        context: arch.context,
        tokenBytes: model.tokenBytes,
        encode,
        defaultLayer: attentionDefault.layer,
        defaultHead: attentionDefault.head,
      })
    : undefined;
  return {
    generator: model.generator,
    probe,
    info: {
      name,
      dtype: o.dtype,
      backend: o.backend,
      context: arch.context,
      layers: arch.layers,
      heads: arch.heads,
      hiddenSize: arch.hiddenSize,
      vocabSize: arch.vocabSize,
      endId: arch.endIds[0] ?? 0,
      attentionDefault,
      parameters: manifest.architecture?.parameters ?? 0,
      chatTemplate,
    },
    encode,
    score: model.score,
    chatPrompt,
    sessionMs,
    async close() {
      forget();
      await Promise.all([session.release(), probeSession?.release()]);
    },
  };
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readJsonIfThere = <T extends object>(path: string): Partial<T> => (existsSync(path) ? readJson<T>(path) : {});
