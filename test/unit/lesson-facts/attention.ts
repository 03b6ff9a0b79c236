import type { LessonFacts } from './types.js';

export default { en: [/quer(y|ies)/i, /keys?\b/i, /values?\b/i], zh: [/查询|Query/, /键|Key/, /值|Value/] } satisfies LessonFacts;
