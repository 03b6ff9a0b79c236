import type { LessonFacts } from './types.js';

export default { en: [/softmax/i, /(add|sum)s?( up)? to (1|one)\b/i], zh: [/softmax/i, /加起来等于1|和为1/] } satisfies LessonFacts;
