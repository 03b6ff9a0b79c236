/**
 * The arguments of a class quiz's buttons (join; answer question `i` with option `o`) and of its timers (`tick`):
 * the engine and posts.ts make them, the desk and the quiz command read them. Options like any command's, so the
 * edge checks a press and the worker checks a timer job against them.
 */
const quizId = { name: 'q', type: 'string', maxLength: 40, required: true, description: { en: 'Quiz', zh: '测验' } } as const;

export const QUIZ_JOIN_OPTIONS = [quizId] as const;

export const QUIZ_PLAY_OPTIONS = [
  quizId,
  { name: 'i', type: 'integer', min: 0, max: 499, required: true, description: { en: 'Question', zh: '题号' } },
  { name: 'o', type: 'integer', min: 0, max: 3, required: true, description: { en: 'Option', zh: '选项' } },
] as const;

export const QUIZ_TICK_OPTIONS = [quizId, { name: 's', type: 'string', maxLength: 16, required: true, description: { en: 'Step', zh: '步骤' } }] as const;
