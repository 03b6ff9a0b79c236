import { defineCommand } from '../../src/core/define-command.js';
import { handleQuiz } from './handler.js';
import { QUIZ_SUBCOMMANDS } from './options.js';

export { QUIZ_ANSWER_OPTIONS, QUIZ_PRACTICE_OPTIONS, QUIZ_SUBCOMMANDS } from './options.js';

export const quiz = defineCommand({
  name: 'quiz',
  menuOrder: 50,
  description: { en: 'Practise with questions, or run a class quiz', zh: '做题练习，或在群里举办课堂测验' },
  options: [],
  subcommands: QUIZ_SUBCOMMANDS,
  // Registered for both installs: practice works in any DM or group DM; the class sub-commands need the bot present
  // (their policy, options.ts). (A class quiz needs a class: `start` in a private chat says so and practises instead.)
  defaultSubcommand: 'practice',
  queue: 'fast',
  available: true,
  example: { en: '/quiz attention', zh: '/quiz 注意力机制' },
  handler: handleQuiz,
});
