import { defineCommand } from '../src/core/command.js';

export const start = defineCommand({
  name: 'start',
  description: { en: 'Welcome and first steps', zh: '欢迎和入门指引' },
  options: [
    {
      name: 'topic',
      type: 'string',
      maxLength: 64,
      description: { en: 'Open this lesson right away (deep links)', zh: '直接打开这一课（深度链接）' },
    },
  ],
  queue: 'fast',
  available: true,
  example: '/start',
});
