import type { LessonFacts } from './types.js';

export default { en: [/encoder/i, /decoder/i, /translat/i, /BERT/], zh: [/编码器/, /解码器/, /翻译/, /BERT/] } satisfies LessonFacts;
