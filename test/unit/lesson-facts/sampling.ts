import type { LessonFacts } from './types.js';

export default {
  en: [/temperature/i, /top-k/i, /top-p|nucleus/i, /seed/i],
  zh: [/温度|temperature/i, /top-k/i, /top-p|核采样/i, /种子|seed/i],
} satisfies LessonFacts;
