import { DIGEST_MAX_CHARS } from '../../src/core/followup/context.js';
import { QUESTION_MAX_CHARS } from '../../src/core/followup/turns.js';
import { LEVELS } from '../../src/core/lessons/types.js';

/** Filled by the adapters from the message asked about (topic, level, digest) and what the student typed. */
export const FOLLOWUP_OPTIONS = [
  { name: 'topic', type: 'string', maxLength: 64, required: true, description: { en: 'The lesson asked about', zh: '追问的课程' } },
  { name: 'level', type: 'choice', choices: LEVELS, description: { en: 'Its level', zh: '课程深度' } },
  { name: 'digest', type: 'string', maxLength: DIGEST_MAX_CHARS, description: { en: 'What the message said', zh: '那条消息的内容摘要' } },
  { name: 'question', type: 'string', maxLength: QUESTION_MAX_CHARS, rest: true, description: { en: 'The follow-up question', zh: '追问的问题' } },
] as const;
