import type { LessonFacts } from './types.js';

export default {
  en: [/human|people|labell?er/i, /reward/i, /rank/i, /2022/],
  zh: [/人/, /奖励/, /排/, /2022/],
} satisfies LessonFacts;
