/**
 * A decoder model's shape read from its config.json (GPT-2 and Llama/Qwen-style names), and the generator built on
 * its decoder session: what the shipped model (load.ts) and a hub model (hub.ts) share.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TinyGptGenerator } from './generator.js';
import type { KvShape } from './kv.js';
import { onnxForward, type OrtModule, type OrtSession } from './forward-pass.js';
import { PrefixCache } from './prefix-cache.js';
import { scoreText, type TextScore } from './score.js';

/** Config fields of GPT-2 and of Llama/Qwen-style models, as config.json names them. */
export interface ModelConfig {
  n_layer?: number;
  n_head?: number;
  n_embd?: number;
  n_positions?: number;
  num_hidden_layers?: number;
  num_attention_heads?: number;
  num_key_value_heads?: number;
  hidden_size?: number;
  head_dim?: number;
  max_position_embeddings?: number;
  vocab_size: number;
  eos_token_id: number | number[];
}

export interface Architecture {
  layers: number;
  heads: number;
  kvHeads: number;
  hiddenSize: number;
  headSize: number;
  context: number;
  vocabSize: number;
  endIds: number[];
}

/** generation_config.json's fields we read: instruct models list their turn end there beside the text end. */
export interface GenerationConfig {
  eos_token_id?: number | number[];
}

/** A model folder's generation_config.json, when it has one. */
export function generationConfigIn(folder: string): GenerationConfig {
  const path = join(folder, 'generation_config.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GenerationConfig) : {};
}

const ids = (value: number | number[] | undefined): number[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The end tokens of config.json and generation_config.json together, config's first (it stands in for an empty prompt). */
export function endIdsOf(config: ModelConfig, generation: GenerationConfig = {}): number[] {
  return [...new Set([...ids(config.eos_token_id), ...ids(generation.eos_token_id)])];
}

export function architecture(config: ModelConfig, generation: GenerationConfig = {}): Architecture {
  const layers = config.n_layer ?? config.num_hidden_layers ?? 0;
  const heads = config.n_head ?? config.num_attention_heads ?? 0;
  const hiddenSize = config.n_embd ?? config.hidden_size ?? 0;
  if (!layers || !heads || !hiddenSize) throw new Error('config.json has no layer, head or hidden-size count');
  return {
    layers,
    heads,
    kvHeads: config.num_key_value_heads ?? heads,
    hiddenSize,
    headSize: config.head_dim ?? hiddenSize / heads,
    // Hub models declare contexts of 32k tokens; the tutor's prompts are short, so the loop bounds them at 4k.
    context: Math.min(config.n_positions ?? config.max_position_embeddings ?? 1024, 4096),
    vocabSize: config.vocab_size,
    endIds: endIdsOf(config, generation),
  };
}

export interface AssembleInput {
  name: string;
  arch: Architecture;
  ort: OrtModule;
  session: OrtSession;
  tokenBytes: readonly Uint8Array[];
  encode(text: string): number[];
  maxBatch: number;
  /** Bytes of prompt-beginning caches kept for reuse (0: none). */
  prefixCacheBytes: number;
}

/** The generator on a decoder session: our batched decode loop, with the model's end token(s). */
export function assemble(input: AssembleInput) {
  const { arch } = input;
  const kv: KvShape = { tensors: 2 * arch.layers, heads: arch.kvHeads, headSize: arch.headSize };
  const forward = onnxForward(input.ort, input.session, kv);
  const generator = new TinyGptGenerator({
    name: input.name,
    context: arch.context,
    endIds: arch.endIds,
    tokenBytes: input.tokenBytes,
    encode: input.encode,
    kv,
    forward,
    maxBatch: input.maxBatch,
    prefixCache: input.prefixCacheBytes > 0 ? new PrefixCache(kv, input.prefixCacheBytes) : undefined,
  });
  const score = (text: string): Promise<TextScore> => scoreText({ forward, context: arch.context, endId: arch.endIds[0] ?? 0, encode: input.encode }, text);
  return { generator, tokenBytes: input.tokenBytes, score };
}
