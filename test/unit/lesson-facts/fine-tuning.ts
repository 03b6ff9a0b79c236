import type { LessonFacts } from './types.js';

export default {
  en: [/fine-tun/i, /pre-?train/i, /example|demonstration/i, /forget/i],
  zh: [/微调/, /预训练/, /例子|示范|数据/, /忘|遗忘/],
} satisfies LessonFacts;
