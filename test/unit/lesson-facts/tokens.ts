import type { LessonFacts } from './types.js';

export default {
  en: [/tokens?\b/i, /tokeni[sz]er/i, /strawberry/i, /50,?000|50,?257/],
  zh: [/词元|token/i, /分词器|tokenizer/i, /strawberry/i, /5万|50,?257|50,?000/],
} satisfies LessonFacts;
