import type { LessonFacts } from './types.js';

export default { en: [/generative/i, /pre-?trained/i, /transformer/i], zh: [/生成|Generative/, /预训练|Pre-trained/, /Transformer|变换/] } satisfies LessonFacts;
