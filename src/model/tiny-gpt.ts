/**
 * What a loaded model is, whichever way it was opened (the shipped tiny GPT from models/, or a hub model): its
 * generator, its probe when it has one, and what it says about itself. load.ts and hub.ts both make one.
 */
import type { AttentionProbe, TextGenerator } from '../core/model-port.js';
import type { InferenceBackend } from './backend.js';
import type { BatchStats } from './generator.js';
import type { PrefixStats } from './prefix-cache.js';
import type { TextScore } from './score.js';

export const MODEL_DTYPES = ['q8', 'fp32', 'q4'] as const;
export type ModelDtype = (typeof MODEL_DTYPES)[number];

export interface TinyGptInfo {
  name: string;
  dtype: ModelDtype;
  backend: InferenceBackend;
  context: number;
  layers: number;
  heads: number;
  /** d_model: heads × head size. */
  hiddenSize: number;
  vocabSize: number;
  endId: number;
  /** The attention probe's default view: the head that looks hardest at the previous token (chosen at build time). */
  attentionDefault: { layer: number; head: number };
  /** Parameters, from the manifest (0 when unknown). */
  parameters: number;
  /** The tokenizer's chat template, when the model has one (instruct models). */
  chatTemplate: boolean;
}

/** A chat message for models with a chat template. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TinyGpt {
  generator: TextGenerator & { stats: BatchStats; prefixStats: PrefixStats | undefined };
  /** The attention probe; only the shipped tiny GPT has one. */
  probe: AttentionProbe | undefined;
  info: TinyGptInfo;
  /** Token ids of a text (no special tokens added): how long a prompt is, in the unit the context counts. */
  encode(text: string): number[];
  /** The model's log-likelihood of a text (for bits per byte: npm run eval:model). */
  score(text: string): Promise<TextScore>;
  /** The prompt text for a conversation through the model's chat template (with the assistant turn opened). */
  chatPrompt(messages: ChatMessage[]): string;
  /** Milliseconds spent creating the sessions (load_ms in the benchmark). */
  sessionMs: number;
  /** Frees the sessions and forgets the cached load (a later load starts afresh). */
  close(): Promise<void>;
}
