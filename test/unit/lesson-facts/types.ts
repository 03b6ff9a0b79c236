export interface LessonFacts { en: RegExp[]; zh: RegExp[] }
