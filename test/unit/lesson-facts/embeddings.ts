import type { LessonFacts } from './types.js';

export default {
  en: [/embedding/i, /numbers|vector/i, /close|near/i, /position|order/i],
  zh: [/嵌入|embedding/i, /数字|向量/, /近|靠拢|挨/, /位置|排位|词序/],
} satisfies LessonFacts;
