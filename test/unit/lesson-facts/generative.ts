import type { LessonFacts } from './types.js';

export default { en: [/token|word/i, /new text|writes?|generat/i], zh: [/词元|词|字/, /生成/] } satisfies LessonFacts;
