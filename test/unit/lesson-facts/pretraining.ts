import type { LessonFacts } from './types.js';

export default { en: [/next/i], zh: [/下一个?词/] } satisfies LessonFacts;
