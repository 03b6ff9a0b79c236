import type { LessonFacts } from './types.js';

export default { en: [/attention/i], zh: [/注意力/] } satisfies LessonFacts;
