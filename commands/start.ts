import { defineCommand } from '../src/core/command.js';

export const start = defineCommand({
  name: 'start',
  description: { en: 'Welcome and first steps', zh: '欢迎和入门指引' },
  options: [
    {
      name: 'topic',
      type: 'string',
      maxLength: 64,
      // Typed words too (`/start attention mechanism`): a lesson they name opens; others are said to be left aside.
      rest: true,
      description: { en: 'Open this lesson right away (deep links)', zh: '直接打开这一课（深度链接）' },
    },
  ],
  queue: 'fast',
  available: true,
  example: '/start',
});
