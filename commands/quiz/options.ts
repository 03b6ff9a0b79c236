import { QUIZ_JOIN_OPTIONS, QUIZ_PLAY_OPTIONS, QUIZ_TICK_OPTIONS } from '../../src/core/class-quiz/button-options.js';
import type { SubcommandDefinition } from '../../src/core/command.js';

const topic = {
  name: 'topic',
  type: 'string',
  maxLength: 64,
  autocomplete: 'topic',
  description: { en: 'A topic, e.g. attention', zh: '知识点，如 attention' },
} as const;

/** Options of `/quiz practice`, and of the answer buttons under a practice question (their nonce and the pick). */
// Practice takes a topic in words (`/quiz multi-head attention`, `/quiz 多头注意力`): the rest of the line.
export const QUIZ_PRACTICE_OPTIONS = [{ ...topic, rest: true }] as const;
export const QUIZ_ANSWER_OPTIONS = [
  { name: 'n', type: 'string', maxLength: 16, required: true, description: { en: 'Question key', zh: '题目标识' } },
  { name: 'o', type: 'integer', min: 0, max: 3, required: true, description: { en: 'Option', zh: '选项' } },
] as const;

// A class quiz needs the bot in the chat: it posts the questions, counters and reveals itself, long after the
// interaction that started it. Under a user install (a group DM, a server without the bot) it is refused.
const inClass = { installs: ['guild'] } as const;
// A class quiz's teacher commands: its starter or a group admin may use them (the engine decides; it needs to know).
const teacher = { ...inClass, needsAdminStatus: true } as const;

/** Practice alone, and class quizzes in groups: each sub-command with its options and policy. */
export const QUIZ_SUBCOMMANDS = [
  { name: 'practice', description: { en: 'Practise alone, one question at a time', zh: '自己练习，一次一题' }, options: QUIZ_PRACTICE_OPTIONS },
  { name: 'review', description: { en: 'Retry the questions you missed', zh: '重做答错的题' }, options: [] },
  // Reached by the buttons under a question: its nonce and the option picked (checked on the server, never trusted).
  { name: 'answer', hidden: true, description: { en: 'Answer a practice question', zh: '回答练习题' }, options: QUIZ_ANSWER_OPTIONS },
  // A class quiz's buttons: join, and answer question `i` of quiz `q` with option `o`. Answered at the edge, at once.
  { name: 'join', hidden: true, description: { en: 'Join the class quiz', zh: '加入课堂测验' }, options: QUIZ_JOIN_OPTIONS, policy: { ...inClass, answeredAt: 'edge' } },
  { name: 'play', hidden: true, description: { en: 'Answer a class quiz question', zh: '回答课堂测验题' }, options: QUIZ_PLAY_OPTIONS, policy: { ...inClass, answeredAt: 'edge' } },
  // A class quiz's timers (open or close a question), scheduled by workers; never accepted from a user.
  { name: 'tick', hidden: true, internal: true, description: { en: 'Move a class quiz on', zh: '推进课堂测验' }, options: QUIZ_TICK_OPTIONS },
  { name: 'next', hidden: true, description: { en: 'The next practice question', zh: '下一道练习题' }, options: [] },
  {
    name: 'start',
    description: { en: 'Start a class quiz in this group', zh: '在本群开始课堂测验' },
    policy: inClass,
    options: [
      topic,
      { name: 'questions', type: 'integer', min: 1, max: 30, description: { en: 'How many questions', zh: '题目数量' } },
      { name: 'seconds', type: 'integer', min: 5, max: 300, description: { en: 'Seconds per question', zh: '每题秒数' } },
      { name: 'scoring', type: 'choice', choices: ['speed', 'plain'], description: { en: 'speed points or 1 per correct answer', zh: '按速度计分或每答对一题得 1 分' } },
      // Where the platform has threads (Discord) or forum topics (Telegram): on unless turned off.
      { name: 'thread', type: 'choice', choices: ['on', 'off'], description: { en: 'Questions in a thread of their own (default on)', zh: '题目发在单独的子区（默认开启）' } },
    ],
  },
  { name: 'stop', description: { en: 'Stop the running class quiz', zh: '结束正在进行的测验' }, options: [], policy: teacher },
  { name: 'skip', description: { en: 'Skip to the next question', zh: '跳到下一题' }, options: [], policy: teacher },
  {
    name: 'import',
    description: { en: 'Import your own questions (CSV or JSON)', zh: '导入自己的题目（CSV 或 JSON）' },
    policy: { ...inClass, groupOnly: 'import_group_only', adminsOnly: true },
    options: [{ name: 'file', type: 'attachment', required: true, description: { en: 'A CSV or JSON file of questions', zh: '题目的 CSV 或 JSON 文件' } }],
  },
  // The results go to the teacher alone (a DM, else a private reply).
  { name: 'results', description: { en: 'Results of the last class quiz', zh: '上一次课堂测验的结果' }, options: [], policy: { ...teacher, reply: 'private' } },
] as const satisfies readonly SubcommandDefinition[];
