import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CONTENT_DIR } from '../../src/content/shipped.js';
import { parseQuestionFile } from '../../src/core/class-quiz/import.js';
import type { QuestionText } from '../../src/core/quiz/bank.js';
import { QUESTIONS, TOPICS } from '../support/content.js';

const QUIZ_QUESTIONS = QUESTIONS;
const TEXTS = {
  en: Object.fromEntries(QUESTIONS.map((q) => [q.id, q.text.en])),
  zh: Object.fromEntries(QUESTIONS.map((q) => [q.id, q.text.zh])),
} as const;
const LANGS = ['en', 'zh'] as const;
const QUIZ_DIR = join(SHIPPED_CONTENT_DIR, 'quiz');
const MIN_QUESTIONS = 66;
const MIN_PER_TOPIC = 3;
// Discord: a button label holds at most 80 characters; a question and a reveal must stay short in a chat.
const MAX_QUESTION = 300;
const MAX_OPTION = 80;
const MAX_EXPLANATION = 200;
/** The correct option begins its explanation with this; no wrong option does (so a moved `correct` index fails). */
const RIGHT = { en: 'Right.', zh: '正确。' } as const;

/**
 * Hand-checked key facts: the correct option of these questions must say this, in both languages. If an option
 * order or a `correct` index drifts, or a translation loses the point, one of these fails.
 */
const KEY_FACTS: Record<string, { en: RegExp[]; zh: RegExp[] }> = {
  'gpt-2': { en: [/decoder-only/, /causally masked/], zh: [/仅解码器/, /因果掩码/] },
  'pretraining-1': { en: [/next token/], zh: [/下一个词元/] },
  'tokens-3': { en: [/bytes/, /merging the most frequent pair/], zh: [/字节/, /合并最常见/] },
  'in-context-learning-1': { en: [/^Nothing/, /context/], zh: [/没变/, /上下文/] },
  'in-context-learning-2': { en: [/Zero-shot/], zh: [/零样本/] },
  'rlhf-2': { en: [/human rankings/], zh: [/人类排序/] },
  'encoder-decoder-3': { en: [/BERT encoder-only, GPT decoder-only, T5 encoder-decoder/], zh: [/BERT仅编码器，GPT仅解码器，T5编码器-解码器/] },
  'decoder-only-1': { en: [/only itself and earlier/], zh: [/自己和前文/] },
  'positional-encoding-2': { en: [/learned/, /added/], zh: [/学/, /加到/] },
  'attention-1': { en: [/query/, /key/, /softmax/], zh: [/查询/, /键/, /softmax/] },
  'attention-2': { en: [/weighted sum/, /value vectors/], zh: [/加权和/, /值向量/] },
  'qkv-3': { en: [/query·key/, /value is content/], zh: [/查询·键/, /值是内容/] },
  'softmax-1': { en: [/positive/, /sum to 1/], zh: [/正数/, /等于1/] },
  'scaled-dot-product-2': { en: [/dot products/, /saturate/], zh: [/点积/, /饱和/] },
  'scaled-dot-product-3': { en: [/^8$/], zh: [/^8$/] },
  'multi-head-2': { en: [/Concatenated/, /W_O/], zh: [/拼接/, /W_O/] },
  'sampling-2': { en: [/sharpen/], zh: [/变尖/] },
  'sampling-3': { en: [/^mat, sofa and roof$/], zh: [/垫子.*沙发.*屋顶/] },
  'generative-risks-1': { en: [/made up/], zh: [/编造/] },
};

const hanCount = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).length;
const latinCount = (text: string) => (text.match(/[A-Za-z]/g) ?? []).length;
const allText = (t: QuestionText) => [t.question, ...t.options, ...t.explanations];
/** Numbers as written in an option ("1,024" and "1024" are the same number). */
// Large counts are said in each language's own units (174 billion = 1740亿, 10 B = 100亿): a number matches when
// its digits or its value agree (2 B of bytes stays 2).
const SCALE: Record<string, number> = { billion: 1e9, million: 1e6, trillion: 1e12, B: 1e9, M: 1e6, T: 1e12, 亿: 1e8, 万: 1e4 };
const numbers = (text: string) =>
  [...text.matchAll(/(\d[\d,.]*\d|\d)\s*(billion|million|trillion|[BMT](?![a-zA-Z])|亿|万)?/g)].map(([, digits, unit]) => {
    const value = digits!.replace(/,/g, '');
    return unit ? [value, String(Math.round(Number(value) * SCALE[unit]!))] : [value];
  });
/** The same numbers, in any order (Chinese often says "of 46.7 B, 12.9 B"). */
function sameNumbers(a: string[][], b: string[][]): boolean {
  const left = [...b];
  return a.length === b.length && a.every((values) => {
    const at = left.findIndex((other) => values.some((value) => other.includes(value)));
    return at !== -1 && left.splice(at, 1).length === 1;
  });
}

function eachText(check: (id: string, lang: (typeof LANGS)[number], text: QuestionText, correct: number) => void) {
  for (const q of QUIZ_QUESTIONS) {
    for (const lang of LANGS) {
      const text = TEXTS[lang][q.id];
      if (!text) throw new Error(`${lang} ${q.id}: no text`);
      check(q.id, lang, text, q.correct);
    }
  }
}

describe('quiz bank', () => {
  it('has unique ids named after their topic', () => {
    const ids = QUIZ_QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUIZ_QUESTIONS) expect(q.id).toMatch(new RegExp(`^${q.topic}-\\d+$`));
  });

  it('has en and zh text for every id and nothing else', () => {
    const ids = QUIZ_QUESTIONS.map((q) => q.id).sort();
    for (const lang of LANGS) expect(Object.keys(TEXTS[lang]).sort(), lang).toEqual(ids);
  });

  it('is a set of /quiz import files: each topic file imports as it is, with the English text and the same answer', () => {
    const files = readdirSync(QUIZ_DIR).filter((name) => name.endsWith('.json'));
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual([...new Set(QUIZ_QUESTIONS.map((q) => q.topic))].sort());
    for (const name of files) {
      const imported = parseQuestionFile(name, readFileSync(join(QUIZ_DIR, name)));
      expect(imported.errors, name).toEqual([]);
      const bank = QUIZ_QUESTIONS.filter((q) => `${q.topic}.json` === name);
      expect(imported.questions, name).toEqual(bank.map((q) => ({ question: q.text.en.question, options: q.text.en.options, correct: q.correct, explanations: q.text.en.explanations })));
    }
  });

  it(`covers every topic with at least ${MIN_PER_TOPIC} questions, ${MIN_QUESTIONS} in all`, () => {
    expect(QUIZ_QUESTIONS.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    const known = new Set<string>(TOPICS.map((t) => t.id));
    for (const q of QUIZ_QUESTIONS) expect(known.has(q.topic), q.id).toBe(true);
    for (const topic of TOPICS) expect(QUIZ_QUESTIONS.filter((q) => q.topic === topic.id).length, topic.id).toBeGreaterThanOrEqual(MIN_PER_TOPIC);
  });

  it('spreads difficulties: each level is ≥ 15% of the bank, each topic has at least two levels', () => {
    for (const level of [1, 2, 3]) expect(QUIZ_QUESTIONS.filter((q) => q.difficulty === level).length, `difficulty ${level}`).toBeGreaterThanOrEqual(0.15 * QUIZ_QUESTIONS.length);
    for (const topic of TOPICS) expect(new Set(QUIZ_QUESTIONS.filter((q) => q.topic === topic.id).map((q) => q.difficulty)).size, topic.id).toBeGreaterThanOrEqual(2);
  });

  it('puts the correct answer at every position, roughly evenly, and not at one position within a topic', () => {
    for (const q of QUIZ_QUESTIONS) expect([0, 1, 2, 3], q.id).toContain(q.correct);
    for (const position of [0, 1, 2, 3]) {
      expect(QUIZ_QUESTIONS.filter((q) => q.correct === position).length, `position ${position}`).toBeGreaterThanOrEqual(0.15 * QUIZ_QUESTIONS.length);
    }
    for (const topic of TOPICS) expect(new Set(QUIZ_QUESTIONS.filter((q) => q.topic === topic.id).map((q) => q.correct)).size, topic.id).toBeGreaterThan(1);
  });

  it('has four non-empty options, each with a non-empty explanation, within the chat limits', () => {
    eachText((id, lang, t) => {
      const where = `${lang} ${id}`;
      expect(t.options, where).toHaveLength(4);
      expect(t.explanations, where).toHaveLength(4);
      expect(t.question.length, `${where} question`).toBeLessThanOrEqual(MAX_QUESTION);
      for (const option of t.options) expect(option.length, `${where} option “${option}”`).toBeLessThanOrEqual(MAX_OPTION);
      for (const explanation of t.explanations) expect(explanation.length, `${where} “${explanation}”`).toBeLessThanOrEqual(MAX_EXPLANATION);
      for (const s of allText(t)) {
        expect(s.trim().length, where).toBeGreaterThan(0);
        expect(s, where).toBe(s.trim());
      }
    });
  });

  it('explains why the correct option is right, and only that one', () => {
    eachText((id, lang, t, correct) => {
      t.explanations.forEach((explanation, i) => expect(explanation.startsWith(RIGHT[lang]), `${lang} ${id} explanation ${i}`).toBe(i === correct));
      // A wrong option's explanation names the misconception and the fact: more than a bare "wrong".
      t.explanations.forEach((explanation, i) => expect(explanation.length, `${lang} ${id} explanation ${i}`).toBeGreaterThan(lang === 'en' ? 40 : 15));
    });
  });

  it('has distinct options and distinct explanations within each question', () => {
    eachText((id, lang, t) => {
      const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
      expect(new Set(t.options.map(norm)).size, `${lang} ${id}`).toBe(4);
      expect(new Set(t.explanations.map(norm)).size, `${lang} ${id}`).toBe(4);
    });
  });

  it('gives no give-away by length: options of one question are of similar length, the answer rarely stands out', () => {
    for (const lang of LANGS) {
      let longest = 0;
      let standsOut = 0;
      for (const q of QUIZ_QUESTIONS) {
        const lengths = TEXTS[lang][q.id]!.options.map((o) => o.length);
        expect(Math.max(...lengths), `${lang} ${q.id}: ${lengths.join(', ')}`).toBeLessThanOrEqual(2 * Math.min(...lengths) + 12);
        const others = lengths.filter((_, i) => i !== q.correct);
        const answer = lengths[q.correct]!;
        if (answer > Math.max(...others)) longest += 1;
        if (answer >= 1.25 * Math.max(...others) || answer <= 0.75 * Math.min(...others)) standsOut += 1;
      }
      // By chance the answer is the longest option a quarter of the time.
      expect(longest, `${lang}: questions whose answer is the longest option`).toBeLessThanOrEqual(0.3 * QUIZ_QUESTIONS.length);
      expect(standsOut, `${lang}: questions whose answer is much longer or shorter than the rest`).toBeLessThanOrEqual(0.1 * QUIZ_QUESTIONS.length);
    }
  });

  it('has no "all/none of the above" and no markup (plain text for every platform)', () => {
    const above = { en: /\b(all|none|both|neither) of (the )?(above|these|them|others)\b/i, zh: /(以上|上述|其他)(选项)?(都|皆|全|均)|都不(是|对)|全都(是|对)|全部正确/ };
    eachText((id, lang, t) => {
      for (const option of t.options) expect(option, `${lang} ${id}`).not.toMatch(above[lang]);
      for (const s of allText(t)) {
        expect(s, `${lang} ${id}`).not.toMatch(/[*`<>\\\n\t]|\]\(|https?:/);
        expect(s, `${lang} ${id}`).not.toMatch(/ {2}/);
      }
    });
  });

  it('writes zh in Chinese (mostly Han characters) and en with no Chinese characters or punctuation', () => {
    eachText((id, lang, t) => {
      const text = allText(t).join('');
      if (lang === 'en') {
        expect(hanCount(text), `en ${id}`).toBe(0);
        expect(text, `en ${id}`).not.toMatch(/[，。：；？！“”（）《》、]/);
      } else {
        const han = hanCount(text);
        expect(han / (han + latinCount(text)), `zh ${id}`).toBeGreaterThan(0.5);
        expect(hanCount(t.question), `zh ${id} question`).toBeGreaterThan(3);
        for (const explanation of t.explanations) expect(hanCount(explanation), `zh ${id} “${explanation}”`).toBeGreaterThan(10);
      }
    });
  });

  it('keeps the languages in step: the same numbers in the same option (in any order and unit)', () => {
    for (const q of QUIZ_QUESTIONS) {
      TEXTS.en[q.id]!.options.forEach((option, i) => {
        const zh = TEXTS.zh[q.id]!.options[i]!;
        expect(sameNumbers(numbers(option), numbers(zh)), `${q.id} option ${i}: “${option}” / “${zh}”`).toBe(true);
      });
    }
  });

  it('says the key fact in the correct option, in both languages (hand-checked list)', () => {
    const byId = new Map(QUIZ_QUESTIONS.map((q) => [q.id, q]));
    expect(Object.keys(KEY_FACTS).length).toBeGreaterThanOrEqual(10);
    for (const [id, facts] of Object.entries(KEY_FACTS)) {
      const q = byId.get(id);
      expect(q, id).toBeDefined();
      for (const lang of LANGS) {
        const answer = TEXTS[lang][id]!.options[q!.correct];
        for (const fact of facts[lang]) expect(answer, `${lang} ${id}`).toMatch(fact);
      }
    }
  });
});
