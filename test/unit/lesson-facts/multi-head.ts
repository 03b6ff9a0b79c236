import type { LessonFacts } from './types.js';

export default { en: [/heads?\b/i, /parallel|at the same time|side by side/i, /concat|join|combin/i], zh: [/头/, /并行|同时|并排/, /拼接|拼在一起|Concat/] } satisfies LessonFacts;
