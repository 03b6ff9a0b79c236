import { defineCommand } from '../../src/core/define-command.js';
import { handleExplain } from './handler.js';
import { explainHandover } from './handover.js';
import { EXPLAIN_OPTIONS } from './options.js';

export { LEVEL_WORDS } from './options.js';

export const explain = defineCommand({
  name: 'explain',
  menuOrder: 20,
  description: { en: 'Explain a GPT topic, or answer your question about GPT', zh: '讲解一个 GPT 知识点，或回答你的问题' },
  options: EXPLAIN_OPTIONS,
  queue: 'fast',
  available: true,
  // A line without a slash is a question for /explain.
  takesPlainText: true,
  example: { en: '/explain attention', zh: '/explain 注意力机制' },
  handover: explainHandover,
  handler: handleExplain,
});
