import type { LessonFacts } from './types.js';

export default { en: [/supervised/i, /unsupervised/i, /reinforcement/i], zh: [/监督/, /无监督/, /强化/] } satisfies LessonFacts;
