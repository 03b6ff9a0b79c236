import { defineCommand } from '../../src/core/define-command.js';
import { handleCompare } from './handler.js';
import { COMPARE_OPTIONS } from './options.js';

export const compare = defineCommand({
  name: 'compare',
  menuOrder: 35,
  description: { en: 'Ask the pretrained and the fine-tuned GPT the same question', zh: '同一个问题，同时问预训练和微调后的 GPT' },
  options: COMPARE_OPTIONS,
  queue: 'model',
  available: true,
  example: { en: '/compare What does the T in GPT stand for?', zh: '/compare GPT 里的 T 代表什么？' },
  handler: handleCompare,
});
