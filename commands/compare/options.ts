export const COMPARE_OPTIONS = [
  { name: 'question', type: 'string', maxLength: 300, rest: true, required: true, description: { en: 'A question about how GPT works', zh: '一个关于 GPT 原理的问题' } },
] as const;
