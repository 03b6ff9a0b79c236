export const GENERATE_OPTIONS = [
  { name: 'prompt', type: 'string', maxLength: 1000, rest: true, required: true, description: { en: 'The text to continue', zh: '要续写的文字' } },
  { name: 'max_new_tokens', type: 'integer', min: 1, max: 200, description: { en: 'How many tokens to add at most', zh: '最多生成多少个词元' } },
  { name: 'temperature', type: 'number', min: 0, max: 2, description: { en: '0 = always the likeliest token; higher = more random', zh: '0 表示总选最可能的词元，越大越随机' } },
  { name: 'top_k', type: 'integer', min: 1, max: 2048, description: { en: 'Sample only among the k likeliest tokens', zh: '只在最可能的 k 个词元中抽样' } },
  { name: 'top_p', type: 'number', min: 0.01, max: 1, description: { en: 'Sample among the likeliest tokens covering this probability', zh: '只在累计概率达到 p 的词元中抽样' } },
  { name: 'seed', type: 'integer', min: 0, max: 2_147_483_647, description: { en: 'Same seed, same text', zh: '相同的种子生成相同的文字' } },
  { name: 'steps', type: 'integer', min: 0, max: 8, description: { en: 'Show the candidates at each of the first N steps', zh: '逐步显示前 N 步的候选词元' } },
] as const;
