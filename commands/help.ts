import { defineCommand } from '../src/core/command.js';

export const help = defineCommand({
  name: 'help',
  description: { en: 'List the commands, or explain one', zh: '列出全部命令，或说明某个命令' },
  options: [
    {
      name: 'command',
      type: 'string',
      maxLength: 32,
      description: { en: 'A command to explain, e.g. explain', zh: '要说明的命令，如 explain' },
    },
  ],
  queue: 'fast',
  available: true,
  example: '/help explain',
});
