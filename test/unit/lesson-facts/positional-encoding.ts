import type { LessonFacts } from './types.js';

export default {
  en: [/position/i, /order/i, /1,024|n_ctx/i, /wave|sin/i],
  zh: [/位置/, /顺序|词序/, /1,024|n_ctx/, /波|sin/],
} satisfies LessonFacts;
