/** Every lesson text, by language and topic. A missing file is a type error; tests check the contents. */
import type { Lang } from '../src/core/locale.js';
import type { LessonText } from '../src/core/lessons/types.js';
import type { TopicId } from './topics.js';
import enAttention from './en/lessons/attention.js';
import enGenerative from './en/lessons/generative.js';
import enGpt from './en/lessons/gpt.js';
import enLearningParadigms from './en/lessons/learning-paradigms.js';
import enPretraining from './en/lessons/pretraining.js';
import enTransformer from './en/lessons/transformer.js';
import zhAttention from './zh/lessons/attention.js';
import zhGenerative from './zh/lessons/generative.js';
import zhGpt from './zh/lessons/gpt.js';
import zhLearningParadigms from './zh/lessons/learning-paradigms.js';
import zhPretraining from './zh/lessons/pretraining.js';
import zhTransformer from './zh/lessons/transformer.js';

export const LESSONS: Record<Lang, Record<TopicId, LessonText>> = {
  en: {
    gpt: enGpt,
    generative: enGenerative,
    pretraining: enPretraining,
    'learning-paradigms': enLearningParadigms,
    transformer: enTransformer,
    attention: enAttention,
  },
  zh: {
    gpt: zhGpt,
    generative: zhGenerative,
    pretraining: zhPretraining,
    'learning-paradigms': zhLearningParadigms,
    transformer: zhTransformer,
    attention: zhAttention,
  },
};
