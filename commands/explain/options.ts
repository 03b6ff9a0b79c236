import { LEVELS, type Level } from '../../src/core/lessons/types.js';

/**
 * Words for a level a student may type instead of its name, in English and Chinese (both scripts): as `level:入门`,
 * or as the last word of the topic (`/explain attention kid`, `/explain 注意力机制 孩子`).
 */
export const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  kid: 'kid', kids: 'kid', child: 'kid', children: 'kid', 小朋友: 'kid', 孩子: 'kid', 小孩: 'kid', 儿童: 'kid', 兒童: 'kid',
  beginner: 'beginner', beginners: 'beginner', basic: 'beginner', 入门: 'beginner', 入門: 'beginner', 新手: 'beginner', 初学者: 'beginner', 初學者: 'beginner', 初级: 'beginner', 初級: 'beginner',
  expert: 'expert', experts: 'expert', advanced: 'expert', 专家: 'expert', 專家: 'expert', 进阶: 'expert', 進階: 'expert', 高级: 'expert', 高級: 'expert',
};

export const EXPLAIN_OPTIONS = [
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
    aliases: LEVEL_WORDS,
    description: { en: 'How deep to go', zh: '讲解深度，也可以写成 小朋友、入门 或 专家' },
  },
] as const;
