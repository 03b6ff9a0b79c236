import type { LessonFacts } from './types.js';

export default { en: [/decoder/i, /mask/i, /next[ -](word|token)/i], zh: [/解码器/, /掩码/, /下一个?词/] } satisfies LessonFacts;
