/** Every lesson text, by language and topic. A missing file is a type error; tests check the contents. */
import type { Lang } from '../src/core/locale.js';
import type { LessonText } from '../src/core/lessons/types.js';
import type { TopicId } from './topics.js';
import enAttention from './en/lessons/attention.js';
import enDecoderOnly from './en/lessons/decoder-only.js';
import enEmbeddings from './en/lessons/embeddings.js';
import enEncoderDecoder from './en/lessons/encoder-decoder.js';
import enFineTuning from './en/lessons/fine-tuning.js';
import enGenerative from './en/lessons/generative.js';
import enGenerativeRisks from './en/lessons/generative-risks.js';
import enGpt from './en/lessons/gpt.js';
import enLearningParadigms from './en/lessons/learning-paradigms.js';
import enMultiHead from './en/lessons/multi-head.js';
import enPositionalEncoding from './en/lessons/positional-encoding.js';
import enPretraining from './en/lessons/pretraining.js';
import enQkv from './en/lessons/qkv.js';
import enRlhf from './en/lessons/rlhf.js';
import enSampling from './en/lessons/sampling.js';
import enScaledDotProduct from './en/lessons/scaled-dot-product.js';
import enSoftmax from './en/lessons/softmax.js';
import enTokens from './en/lessons/tokens.js';
import enTransformer from './en/lessons/transformer.js';
import zhAttention from './zh/lessons/attention.js';
import zhDecoderOnly from './zh/lessons/decoder-only.js';
import zhEmbeddings from './zh/lessons/embeddings.js';
import zhEncoderDecoder from './zh/lessons/encoder-decoder.js';
import zhFineTuning from './zh/lessons/fine-tuning.js';
import zhGenerative from './zh/lessons/generative.js';
import zhGenerativeRisks from './zh/lessons/generative-risks.js';
import zhGpt from './zh/lessons/gpt.js';
import zhLearningParadigms from './zh/lessons/learning-paradigms.js';
import zhMultiHead from './zh/lessons/multi-head.js';
import zhPositionalEncoding from './zh/lessons/positional-encoding.js';
import zhPretraining from './zh/lessons/pretraining.js';
import zhQkv from './zh/lessons/qkv.js';
import zhRlhf from './zh/lessons/rlhf.js';
import zhSampling from './zh/lessons/sampling.js';
import zhScaledDotProduct from './zh/lessons/scaled-dot-product.js';
import zhSoftmax from './zh/lessons/softmax.js';
import zhTokens from './zh/lessons/tokens.js';
import zhTransformer from './zh/lessons/transformer.js';

export const LESSONS: Record<Lang, Record<TopicId, LessonText>> = {
  en: {
    gpt: enGpt,
    generative: enGenerative,
    tokens: enTokens,
    pretraining: enPretraining,
    'learning-paradigms': enLearningParadigms,
    'fine-tuning': enFineTuning,
    rlhf: enRlhf,
    transformer: enTransformer,
    'encoder-decoder': enEncoderDecoder,
    'decoder-only': enDecoderOnly,
    embeddings: enEmbeddings,
    'positional-encoding': enPositionalEncoding,
    attention: enAttention,
    qkv: enQkv,
    softmax: enSoftmax,
    'scaled-dot-product': enScaledDotProduct,
    'multi-head': enMultiHead,
    sampling: enSampling,
    'generative-risks': enGenerativeRisks,
  },
  zh: {
    gpt: zhGpt,
    generative: zhGenerative,
    tokens: zhTokens,
    pretraining: zhPretraining,
    'learning-paradigms': zhLearningParadigms,
    'fine-tuning': zhFineTuning,
    rlhf: zhRlhf,
    transformer: zhTransformer,
    'encoder-decoder': zhEncoderDecoder,
    'decoder-only': zhDecoderOnly,
    embeddings: zhEmbeddings,
    'positional-encoding': zhPositionalEncoding,
    attention: zhAttention,
    qkv: zhQkv,
    softmax: zhSoftmax,
    'scaled-dot-product': zhScaledDotProduct,
    'multi-head': zhMultiHead,
    sampling: zhSampling,
    'generative-risks': zhGenerativeRisks,
  },
};
