import { defineCommand } from '../src/core/command.js';

export const attention = defineCommand({
  name: 'attention',
  description: { en: 'Show where the tutor\'s GPT looks: an attention heatmap', zh: '显示小老师的 GPT 在看哪里：注意力热力图' },
  options: [
    { name: 'text', type: 'string', maxLength: 200, rest: true, required: true, description: { en: 'A short sentence', zh: '一个短句' } },
    { name: 'layer', type: 'integer', min: 1, max: 12, description: { en: 'Which layer (1 = first)', zh: '第几层（1 为第一层）' } },
    { name: 'head', type: 'integer', min: 1, max: 16, description: { en: 'Which head (1 = first)', zh: '第几个头（1 为第一个）' } },
  ],
  queue: 'model',
  available: true,
  example: '/attention The cat sat on the mat',
});
