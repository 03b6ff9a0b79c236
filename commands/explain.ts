import { defineCommand } from '../src/core/command.js';
import { LEVELS } from '../src/core/lessons/types.js';

export const explain = defineCommand({
  name: 'explain',
  description: { en: 'Explain a GPT topic, or answer your question about GPT', zh: '讲解一个 GPT 知识点，或回答你的问题' },
  options: [
    {
      name: 'topic',
      type: 'string',
      maxLength: 300,
      rest: true,
      autocomplete: 'topic',
      description: { en: 'A topic (e.g. attention) or any question in your own words', zh: '知识点（如 attention）或你自己的问题' },
    },
    {
      name: 'level',
      type: 'choice',
      choices: LEVELS,
      description: { en: 'How deep: kid, beginner or expert', zh: '难度：kid（小朋友）、beginner（入门）或 expert（专家）' },
    },
  ],
  queue: 'fast',
  available: true,
  example: '/explain attention',
});
