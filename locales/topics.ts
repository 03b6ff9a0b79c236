import type { TopicMeta } from '../src/core/lessons/types.js';

/**
 * The curriculum in learning-path order ("next lesson" follows this list): what GPT is and how it learns,
 * then the architecture from the outside in, then attention step by step, then generation and its risks.
 */
export const TOPICS = [
  { id: 'gpt', prerequisites: [], related: ['generative', 'pretraining', 'transformer'] },
  { id: 'generative', prerequisites: ['gpt'], related: ['sampling', 'tokens', 'generative-risks'] },
  { id: 'tokens', prerequisites: ['generative'], related: ['embeddings', 'sampling', 'pretraining'] },
  { id: 'pretraining', prerequisites: ['tokens'], related: ['learning-paradigms', 'fine-tuning', 'decoder-only'] },
  { id: 'learning-paradigms', prerequisites: ['pretraining'], related: ['pretraining', 'fine-tuning', 'rlhf'] },
  { id: 'fine-tuning', prerequisites: ['pretraining'], related: ['rlhf', 'learning-paradigms', 'pretraining'] },
  { id: 'rlhf', prerequisites: ['fine-tuning', 'learning-paradigms'], related: ['fine-tuning', 'generative-risks', 'learning-paradigms'] },
  { id: 'transformer', prerequisites: ['gpt'], related: ['encoder-decoder', 'decoder-only', 'attention'] },
  { id: 'encoder-decoder', prerequisites: ['transformer'], related: ['decoder-only', 'transformer', 'attention'] },
  { id: 'decoder-only', prerequisites: ['encoder-decoder'], related: ['attention', 'pretraining', 'generative'] },
  { id: 'embeddings', prerequisites: ['tokens'], related: ['positional-encoding', 'tokens', 'qkv'] },
  { id: 'positional-encoding', prerequisites: ['embeddings'], related: ['embeddings', 'attention', 'transformer'] },
  { id: 'attention', prerequisites: ['transformer', 'embeddings'], related: ['qkv', 'multi-head', 'softmax'] },
  { id: 'qkv', prerequisites: ['attention'], related: ['scaled-dot-product', 'attention', 'multi-head'] },
  { id: 'softmax', prerequisites: ['qkv'], related: ['scaled-dot-product', 'sampling', 'attention'] },
  { id: 'scaled-dot-product', prerequisites: ['qkv', 'softmax'], related: ['softmax', 'multi-head', 'qkv'] },
  { id: 'multi-head', prerequisites: ['scaled-dot-product'], related: ['attention', 'qkv', 'decoder-only'] },
  { id: 'sampling', prerequisites: ['softmax', 'generative'], related: ['generative', 'softmax', 'generative-risks'] },
  { id: 'generative-risks', prerequisites: ['generative'], related: ['rlhf', 'sampling', 'generative'] },
] as const satisfies readonly TopicMeta[];

export type TopicId = (typeof TOPICS)[number]['id'];
