import type { LessonFacts } from './types.js';

export default { en: [/dot[ -]product/i, /square root|√/i, /softmax/i], zh: [/点积/, /平方根|√/, /softmax/i] } satisfies LessonFacts;
