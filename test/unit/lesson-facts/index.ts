/** The key facts every level of each lesson must state, per language (see lessons.test.ts). */
import type { TopicId } from '../../../locales/topics.js';
import type { LessonFacts } from './types.js';
import attention from './attention.js';
import decoderOnly from './decoder-only.js';
import embeddings from './embeddings.js';
import encoderDecoder from './encoder-decoder.js';
import fineTuning from './fine-tuning.js';
import generative from './generative.js';
import generativeRisks from './generative-risks.js';
import gpt from './gpt.js';
import learningParadigms from './learning-paradigms.js';
import multiHead from './multi-head.js';
import positionalEncoding from './positional-encoding.js';
import pretraining from './pretraining.js';
import qkv from './qkv.js';
import rlhf from './rlhf.js';
import sampling from './sampling.js';
import scaledDotProduct from './scaled-dot-product.js';
import softmax from './softmax.js';
import tokens from './tokens.js';
import transformer from './transformer.js';

export const LESSON_FACTS: Record<TopicId, LessonFacts> = {
  gpt,
  generative,
  tokens,
  pretraining,
  'learning-paradigms': learningParadigms,
  'fine-tuning': fineTuning,
  rlhf,
  transformer,
  'encoder-decoder': encoderDecoder,
  'decoder-only': decoderOnly,
  embeddings,
  'positional-encoding': positionalEncoding,
  attention,
  qkv,
  softmax,
  'scaled-dot-product': scaledDotProduct,
  'multi-head': multiHead,
  sampling,
  'generative-risks': generativeRisks,
};
