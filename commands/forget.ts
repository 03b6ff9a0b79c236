import { defineCommand } from '../src/core/command.js';

export const forget = defineCommand({
  name: 'forget',
  description: { en: 'Delete everything the tutor stores about you', zh: '删除小老师保存的关于你的所有数据' },
  options: [],
  queue: 'fast',
  available: true,
  example: '/forget',
});
