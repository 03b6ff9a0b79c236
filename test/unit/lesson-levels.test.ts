/**
 * What makes the three levels of a lesson three lessons, checked over the whole curriculum in both languages: kid
 * texts without decimals, roots or notation; beginner texts without the expert's symbols; experts that teach with
 * code that runs; one notation across lessons; each correction of the seed argued once, in the lesson it belongs to;
 * and the review's corrected facts (issue 18), each with the slip it replaced.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/core/lessons/types.js';
import { LANGS, type Lang } from '../../src/core/locale.js';
import { lesson, plainLevels, questionText, TOPICS, topicQuestions } from '../support/content.js';

const PYTHON_RUN_TIMEOUT_MS = 30_000;
const ids = TOPICS.map((topic) => topic.id);
const everyLesson = LANGS.flatMap((lang) => ids.map((id) => ({ lang, id, levels: plainLevels(lang, id) })));
/** What a learner reads of a lesson besides its levels (keywords are search aliases and are not shown). */
const shown = (lang: Lang, id: string) => {
  const { title, summary } = lesson(lang, id);
  return [title, summary, ...Object.values(plainLevels(lang, id))].join('\n');
};
/** Model and version names ("GPT-3.5", "Qwen2.5", "Llama 3.1") are names, not decimals. */
const withoutModelNames = (text: string) => text.replace(/[A-Za-z][\w-]*?-?\d+(\.\d+)+|\b\d+\.\d+(?=\s*(?:版|version))/g, '');
const sentences = (text: string) => text.split(/(?<=[.!?])\s+|(?<=[。！？；])|\n+/u).filter((sentence) => sentence.trim() !== '');
/** The fenced ```python blocks of a lesson level, as written. */
const pythonBlocks = (markdown: string) => [...markdown.matchAll(/```python\n([\s\S]*?)\n```/g)].map((match) => match[1]!);

describe('kid levels', () => {
  it('have no decimals, square roots or symbols', () => {
    for (const { lang, id, levels } of everyLesson) {
      expect(withoutModelNames(levels.kid), `${lang} ${id}`).not.toMatch(/\d\.\d|√|sqrt|square root|平方根|开方|根号|\b[dW]_\w|softmax\(/i);
    }
  });

  it("tell their own story: no worked number (a decimal or a percentage) of the beginner level again", () => {
    for (const { lang, id, levels } of everyLesson) {
      const worked = new Set(withoutModelNames(levels.beginner).match(/\d+(?:\.\d+)?%|\d+\.\d+/g) ?? []);
      const repeated = (withoutModelNames(levels.kid).match(/\d+(?:\.\d+)?%|\d+\.\d+/g) ?? []).filter((number) => worked.has(number));
      expect(repeated, `${lang} ${id}`).toEqual([]);
    }
  });
});

describe('beginner levels', () => {
  it("leave the expert's notation to the expert (d_model, W_O, PPO, the KL penalty)", () => {
    for (const { lang, id, levels } of everyLesson) expect(levels.beginner, `${lang} ${id}`).not.toMatch(/d_model|\bW_O\b|PPO|\bKL\b/);
  });
});

describe('expert levels', () => {
  it('teach attention, softmax with temperature and top-p sampling with a snippet that runs', () => {
    const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
    expect(python.status, 'python3 with numpy (apt-get install -y python3-numpy)').toBe(0);
    const expected = { attention: /np\.triu|tril/, softmax: /\/ *(T|temperature)\b/, sampling: /cumsum/ };
    for (const [id, teaches] of Object.entries(expected)) {
      for (const lang of LANGS) {
        const blocks = pythonBlocks(lesson(lang, id).levels.expert);
        expect(blocks.length, `${lang} ${id}`).toBeGreaterThan(0);
        expect(blocks.join('\n'), `${lang} ${id}`).toMatch(teaches);
        for (const code of blocks) {
          const run = spawnSync('python3', ['-'], { input: code, encoding: 'utf8', timeout: PYTHON_RUN_TIMEOUT_MS });
          expect(run.status, `${lang} ${id}: ${run.stderr}`).toBe(0);
        }
      }
    }
  });

  it('trace the shapes through GPT-2 small, ids to logits', () => {
    for (const lang of LANGS) {
      const experts = ids.map((id) => plainLevels(lang, id).expert).join('\n');
      for (const shape of ['B×T×768', 'B×T×50257']) expect(experts, lang).toContain(shape);
    }
  });

  it('give the risks of generation in numbers: errors compound over a long answer', () => {
    for (const lang of LANGS) expect(plainLevels(lang, 'generative-risks').expert, lang).toMatch(/p\^n|pⁿ/);
  });
});

describe('across lessons', () => {
  it('write the unembedding one way: z = h W_U, tied as W_U = W_Eᵀ', () => {
    for (const { lang, id, levels } of everyLesson) expect(Object.values(levels).join('\n'), `${lang} ${id}`).not.toMatch(/W_Uᵀ|W_U\^T|h(_L)? W_Eᵀ/);
    for (const lang of LANGS) expect(plainLevels(lang, 'embeddings').expert, lang).toContain('W_U = W_Eᵀ');
  });

  it("argue each of the seed's slips once, in the lesson it belongs to", () => {
    const corrections = [
      { home: 'encoder-decoder', says: /no encoder|without an encoder|common (error|mistake)|没有编码器|常有人说|纠正/i },
      { home: 'qkv', says: /importance|重要性|重要程度|不代表[^。]*重要/i },
    ];
    for (const { home, says } of corrections) {
      for (const lang of LANGS) {
        const arguing = ids.filter((id) => says.test(shown(lang, id)));
        expect(arguing, `${lang} ${says}`).toEqual([home]);
      }
    }
  });

  it('name the model whenever they give a training-data size in tokens', () => {
    const size = { en: /\d[\d,.]*\s*(billion|trillion|[BT])\s+tokens|hundreds of billions/i, zh: /\d[\d.]*\s*(亿|万亿)个?词元|[几数]千亿/ };
    const model = /GPT|Llama|Chinchilla|Gopher|Qwen|DeepSeek|BERT|PaLM/;
    for (const { lang, id } of everyLesson) {
      for (const sentence of sentences(shown(lang, id))) if (size[lang].test(sentence)) expect(sentence, `${lang} ${id}`).toMatch(model);
    }
  });

  it('in Chinese: 权重绑定 for weight tying, no thousands comma before 万 or 亿, √d_k never "cools"', () => {
    for (const id of ids) {
      const text = shown('zh', id);
      expect(text, id).not.toMatch(/权重共享|\d,\d{3}[万亿]|降降温/);
    }
    expect(shown('zh', 'embeddings')).toContain('权重绑定');
    for (const id of ids) for (const question of topicQuestions(id)) expect(questionText(question, 'zh'), question.id).not.toMatch(/权重共享|\d,\d{3}[万亿]/);
  });
});

/** The review's corrections: each level named must say the first, none may say the second. */
const CORRECTED: { lang: Lang; id: string; levels: readonly ('kid' | 'beginner' | 'expert')[]; says: RegExp; not?: RegExp }[] = [
  // ChatGPT was GPT-3.5 fine-tuned to chat, not a bigger model (the kid level, without decimals, says "an improved GPT-3").
  { lang: 'en', id: 'gpt', levels: LEVELS, says: /ChatGPT[^\n]*not a (bigger|larger)/, not: /bigger and cleverer/ },
  { lang: 'zh', id: 'gpt', levels: LEVELS, says: /ChatGPT[^\n]*(不是|并非)更大/ },
  { lang: 'en', id: 'gpt', levels: ['beginner', 'expert'], says: /ChatGPT[^\n]*GPT-3\.5/ },
  { lang: 'zh', id: 'gpt', levels: ['beginner', 'expert'], says: /ChatGPT[^\n]*GPT-3\.5/ },
  // GPT-3's ~300 B tokens: read one a second, nearly ten thousand years (3e11 s ÷ 3.16e7 s a year ≈ 9,500).
  { lang: 'en', id: 'gpt', levels: LEVELS, says: /300 billion|~300B|ten thousand years/ },
  { lang: 'zh', id: 'gpt', levels: LEVELS, says: /3000亿|一万年/ },
  { lang: 'en', id: 'gpt', levels: LEVELS, says: /2024[\s\S]*2025|2025[\s\S]*2024/ },
  { lang: 'zh', id: 'gpt', levels: LEVELS, says: /2024[\s\S]*2025|2025[\s\S]*2024/ },
  { lang: 'en', id: 'fine-tuning', levels: ['beginner'], says: /SFT/, not: /instruction tuning\)? (is|means|, also called)[^.]*supervised fine-tuning/i },
  { lang: 'zh', id: 'fine-tuning', levels: ['beginner'], says: /SFT/ },
  { lang: 'en', id: 'positional-encoding', levels: ['expert'], says: /ALiBi[\s\S]{0,300}extrapolat/i },
  { lang: 'en', id: 'positional-encoding', levels: ['expert'], says: /RoPE[\s\S]*(interpolat|rescal|YaRN)/ },
  { lang: 'zh', id: 'positional-encoding', levels: ['expert'], says: /ALiBi[\s\S]*外推/ },
  { lang: 'zh', id: 'positional-encoding', levels: ['expert'], says: /RoPE[\s\S]*(插值|YaRN)/ },
  { lang: 'en', id: 'attention', levels: ['expert'], says: /zero[- ]mean/i },
  { lang: 'zh', id: 'attention', levels: ['expert'], says: /均值为 ?0|零均值|均值为零/ },
  { lang: 'en', id: 'decoder-only', levels: ['expert'], says: /d²|d\^2|d_model²/ },
  { lang: 'en', id: 'decoder-only', levels: ['expert'], says: /GQA|grouped-query/i },
  { lang: 'zh', id: 'decoder-only', levels: ['expert'], says: /d²|d\^2|d_model²/ },
  { lang: 'zh', id: 'decoder-only', levels: ['expert'], says: /GQA|分组查询/ },
  { lang: 'en', id: 'learning-paradigms', levels: ['kid'], says: /\brank|pick which one is better/i, not: /people rate its replies/ },
  { lang: 'en', id: 'learning-paradigms', levels: ['kid'], says: /reward model|judge that hands out points/i },
  { lang: 'zh', id: 'learning-paradigms', levels: ['kid'], says: /排序|排名|挑哪个更好/ },
  { lang: 'zh', id: 'learning-paradigms', levels: ['kid'], says: /奖励模型|打分的裁判/ },
  { lang: 'en', id: 'embeddings', levels: ['kid'], says: /hundreds (to|or even|or) thousands/i },
  { lang: 'zh', id: 'embeddings', levels: ['kid'], says: /几百[^。]*(几千|上千)|成百上千/ },
  { lang: 'en', id: 'scaled-dot-product', levels: ['kid'], says: /./, not: /dividing by 2/ },
  { lang: 'zh', id: 'scaled-dot-product', levels: ['kid'], says: /./, not: /降温|除以2/ },
  { lang: 'en', id: 'rlhf', levels: ['expert'], says: /PPO[\s\S]*KL|KL[\s\S]*PPO/ },
  { lang: 'zh', id: 'rlhf', levels: ['expert'], says: /PPO[\s\S]*KL|KL[\s\S]*PPO/ },
];

describe('the corrected facts', () => {
  it.each(CORRECTED.map((rule) => [`${rule.lang} ${rule.id} ${rule.levels.join('/')} ${rule.says}`, rule] as const))('%s', (_, rule) => {
    const levels = plainLevels(rule.lang, rule.id);
    for (const level of rule.levels) {
      expect(levels[level], level).toMatch(rule.says);
      if (rule.not) expect(levels[level], level).not.toMatch(rule.not);
    }
  });

  it('in the quiz: "one or a few" token ids, the leading-space caveat, no distractor nobody would pick', () => {
    const tokens = topicQuestions('tokens').map((question) => questionText(question, 'en')).join('\n');
    expect(tokens).toContain('one or a few token ids');
    expect(tokens).not.toContain('one or two token ids');
    const embeddings = topicQuestions('embeddings').map((question) => questionText(question, 'en')).join('\n');
    for (const id of ['17796', '3331']) expect(embeddings).toContain(id);
    const all = ids.flatMap((id) => topicQuestions(id).map((question) => questionText(question, 'en'))).join('\n');
    expect(all).not.toMatch(/makes the answer the longest|which language each sentence is written in/);
  });
});
