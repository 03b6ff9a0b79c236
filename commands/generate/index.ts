import { defineCommand } from '../../src/core/define-command.js';
import { handleGenerate } from './handler.js';
import { GENERATE_OPTIONS } from './options.js';

export const generate = defineCommand({
  name: 'generate',
  menuOrder: 30,
  description: { en: 'Let the tutor\'s own small GPT continue your text', zh: '让小老师自带的小型 GPT 续写你的文字' },
  options: GENERATE_OPTIONS,
  queue: 'model',
  available: true,
  example: { en: '/generate Attention is', zh: '/generate 注意力机制是' },
  handler: handleGenerate,
});
