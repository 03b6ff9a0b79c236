import type { LessonFacts } from './types.js';

export default {
  en: [/human|people|labell?er/i, /reward/i, /rank/i, /2022/],
  zh: [/人类|真人|人们|标注员/, /奖励/, /排名|排序/, /2022/],
} satisfies LessonFacts;
