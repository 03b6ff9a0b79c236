import { defineCommand } from '../src/core/command.js';
// The shipped model's own config, the file src/model loads it from: its real layer and head counts bound these
// options, so Discord's menus, the edge's check, /help and the handler all name the same range.
import shippedModel from '../models/gpt-tutor-tiny/config.json' with { type: 'json' };

/** How many layers and heads the tutor's GPT has (the handler checks the loaded model against them as well). */
export const ATTENTION_SHAPE = { layers: shippedModel.n_layer, heads: shippedModel.n_head } as const;

export const attention = defineCommand({
  name: 'attention',
  description: { en: 'Show where the tutor\'s GPT looks: an attention heatmap', zh: '显示小老师的 GPT 在看哪里：注意力热力图' },
  options: [
    { name: 'text', type: 'string', maxLength: 200, rest: true, required: true, description: { en: 'A short sentence', zh: '一个短句' } },
    { name: 'layer', type: 'integer', min: 1, max: ATTENTION_SHAPE.layers, description: { en: 'Which layer (1 = first)', zh: '第几层（1 为第一层）' } },
    { name: 'head', type: 'integer', min: 1, max: ATTENTION_SHAPE.heads, description: { en: 'Which head (1 = first)', zh: '第几个头（1 为第一个）' } },
  ],
  queue: 'model',
  available: true,
  example: { en: '/attention The cat sat on the mat', zh: '/attention 我喜欢学习' },
});
