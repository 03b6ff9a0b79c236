/**
 * The figures of the kv-cache lesson (locales/<lang>/lessons/kv-cache.md) and its quiz, recomputed from the published
 * model configurations: a size in either language that does not follow from its stated config fails here.
 * bytes = 2 (K and V) × layers × kv_heads × head_dim × tokens × bytes per value (× batch).
 * Inputs: Touvron et al. 2023, Llama 2 (7B: 32 layers, 32 heads, head_dim 128, multi-head attention, 4,096-token
 * context); Meta 2024, Llama 3 / 3.1 (8B: 32 layers, 32 query heads, 8 KV heads, head_dim 128; 8,192 tokens for
 * Llama 3, 128K = 131,072 for Llama 3.1); fp16 = 2 bytes per value.
 */
import { describe, expect, it } from 'vitest';
import { plainLevels, questionText, topicQuestions } from '../support/content.js';

const en = plainLevels('en', 'kv-cache');
const zh = plainLevels('zh', 'kv-cache');
const quiz = topicQuestions('kv-cache');
const question = (id: string) => quiz.find((q) => q.id === id)!;
const quizText = (id: string, lang: 'en' | 'zh') => questionText(question(id), lang);
const correctOption = (id: string, lang: 'en' | 'zh') => question(id).text[lang].options[question(id).correct]!;

interface Config { layers: number; kvHeads: number; queryHeads: number; headDim: number }
const LLAMA2_7B: Config = { layers: 32, kvHeads: 32, queryHeads: 32, headDim: 128 };
const LLAMA3_8B: Config = { layers: 32, kvHeads: 8, queryHeads: 32, headDim: 128 };
const FP16 = 2;
const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

const kvBytes = (c: Config, tokens: number, bytesPer = FP16, batch = 1) => 2 * c.layers * c.kvHeads * c.headDim * tokens * bytesPer * batch;
/** 2147483648 → "2 GiB", 524288 → "512 KiB": the unit the texts use, only for exact powers. */
function binary(bytes: number): string {
  for (const [unit, size] of [['GiB', GiB], ['MiB', MiB], ['KiB', KiB]] as const) if (bytes >= size) {
    expect(Number.isInteger(bytes / size), `${bytes} B is a whole number of ${unit}`).toBe(true);
    return `${bytes / size} ${unit}`;
  }
  return `${bytes} B`;
}
const enNum = (n: number) => n.toLocaleString('en-US');

describe('kv-cache lesson numbers', () => {
  it('Llama 2 7B per token: 2 × 32 × 32 × 128 × 2 B = 524,288 B = 512 KiB, and 2 GiB at 4,096 tokens (beginner)', () => {
    const perToken = kvBytes(LLAMA2_7B, 1);
    expect(perToken).toBe(524_288);
    const product = `2 × ${LLAMA2_7B.layers} × ${LLAMA2_7B.kvHeads} × ${LLAMA2_7B.headDim} × ${FP16} B`;
    expect(en.beginner).toContain(`${product} = ${enNum(perToken)} B = ${binary(perToken)}`);
    expect(zh.beginner).toContain(`${product} = ${perToken} B = ${binary(perToken)}`);
    const full = kvBytes(LLAMA2_7B, 4096);
    expect(full).toBe(2_147_483_648);
    expect(en.beginner).toMatch(new RegExp(`4,096 tokens:\\s+${binary(full)}`));
    expect(zh.beginner).toMatch(new RegExp(`4096个词元：${binary(full)}`));
    expect(en.beginner).toContain('Llama 2 7B has 32 layers and 32 heads of 128 numbers each');
    expect(zh.beginner).toContain('Llama 2 7B为例：32层，32个头，每个头128维');
  });

  it('GQA in Llama 3 8B: 32 query heads over 8 KV heads store 4 times less, 128 KiB per token (beginner)', () => {
    const ratio = LLAMA3_8B.queryHeads / LLAMA3_8B.kvHeads;
    expect(ratio).toBe(4);
    const perToken = binary(kvBytes(LLAMA3_8B, 1));
    expect(perToken).toBe('128 KiB');
    expect(en.beginner).toContain(`Llama 3 8B keeps ${LLAMA3_8B.kvHeads} KV heads for its ${LLAMA3_8B.queryHeads} query heads, so it stores ${ratio} times less per token: ${perToken}`);
    expect(zh.beginner).toContain(`Llama 3 8B的${LLAMA3_8B.queryHeads}个查询头只配${LLAMA3_8B.kvHeads}个KV头，每个词元少存到1/${ratio}，即${perToken}`);
    expect(kvBytes(LLAMA2_7B, 1) / kvBytes(LLAMA3_8B, 1)).toBe(ratio);
  });

  it('every kv_bytes(...) line of the expert code gives the size its arguments compute, for the model it names', () => {
    const configs: Record<string, Config> = { 'Llama 2 7B': LLAMA2_7B, 'Llama 3 8B': LLAMA3_8B, 'Llama 3.1 8B': LLAMA3_8B };
    for (const text of [en.expert, zh.expert]) {
      expect(text).toContain('return 2 * layers * kv_heads * head_dim * tokens * bytes_per * batch');
      const calls = [...text.matchAll(/^kv_bytes\((\d+), (\d+), (\d+), (\d+)\)\s+# (Llama [\d.]+ \d+B)[^→\n]*→ (.*)$/gm)];
      expect(calls.length).toBe(3);
      for (const [, layers, kvHeads, headDim, tokens, model, stated] of calls) {
        const published = configs[model!]!;
        expect({ layers: +layers!, kvHeads: +kvHeads!, headDim: +headDim! }, model).toEqual({ layers: published.layers, kvHeads: published.kvHeads, headDim: published.headDim });
        const bytes = kvBytes(published, +tokens!);
        const exact = text === en.expert ? enNum(bytes) : String(bytes);
        expect([`${exact} B = ${binary(bytes)}`, binary(bytes)], `${model} at ${tokens} tokens`).toContain(stated!.trim());
      }
    }
    expect(binary(kvBytes(LLAMA2_7B, 4096))).toBe('2 GiB');
    expect(binary(kvBytes(LLAMA3_8B, 8192))).toBe('1 GiB');
    expect(binary(kvBytes(LLAMA3_8B, 131_072))).toBe('16 GiB');
    for (const text of [en.expert, zh.expert]) {
      expect(text).toContain(`kv_bytes(32, 32, 128, 4096)`);
      expect(text).toContain(`kv_bytes(32, 8, 128, 8192)`);
      expect(text).toContain(`kv_bytes(32, 8, 128, 131072)`);
      expect(text).toContain('128K → 16 GiB');
    }
  });

  it('the context lengths the texts state: 128K tokens for Llama 3.1 and GPT-4o', () => {
    expect(131_072 / 1024).toBe(128);
    for (const text of [en.beginner, en.expert]) expect(text).toMatch(/Llama 3\.1 and GPT-4o[^.]*128K tokens|128K tokens for Llama 3\.1 and GPT-4o/);
    for (const text of [zh.beginner, zh.expert]) expect(text).toMatch(/Llama 3\.1和GPT-4o[^。]*128K词元/);
  });

  it('the quiz: 2 GiB for Llama 2 7B, what each wrong option forgot, GQA 4×, linear growth, 8-bit halves', () => {
    // kv-cache-2: the right size, and the slips behind the other options.
    const full = kvBytes(LLAMA2_7B, 4096);
    expect(correctOption('kv-cache-2', 'en')).toBe(binary(full));
    expect(correctOption('kv-cache-2', 'zh')).toBe(binary(full));
    expect(quizText('kv-cache-2', 'en')).toContain(`2 (K and V) × 32 × 32 × 128 × 4,096 × 2 B = ${enNum(full)} B = ${binary(full)}`);
    expect(quizText('kv-cache-2', 'zh')).toContain(`2（K和V）× 32 × 32 × 128 × 4096 × 2 B = ${full} B = ${binary(full)}`);
    const options = question('kv-cache-2').text.en.options;
    expect(options).toContain(binary(full / 2)); // K or V only
    expect(options).toContain(binary(full / LLAMA2_7B.layers)); // one layer
    expect(options).toContain(binary(kvBytes(LLAMA2_7B, 4096, 4))); // fp32
    // kv-cache-3: 32 / 8 = 4, 128 KiB instead of 512 KiB.
    expect(correctOption('kv-cache-3', 'en')).toBe(`${LLAMA3_8B.queryHeads / LLAMA3_8B.kvHeads} times smaller`);
    expect(quizText('kv-cache-3', 'en')).toContain(`${binary(kvBytes(LLAMA3_8B, 1))} instead of ${binary(kvBytes(LLAMA2_7B, 1))} per token`);
    expect(quizText('kv-cache-3', 'zh')).toContain(`每个词元${binary(kvBytes(LLAMA3_8B, 1))}，而不是${binary(kvBytes(LLAMA2_7B, 1))}`);
    // kv-cache-6: linear in tokens.
    const doubled = binary(kvBytes(LLAMA2_7B, 8192));
    expect(correctOption('kv-cache-6', 'en')).toBe(`About ${doubled}`);
    expect(correctOption('kv-cache-6', 'zh')).toBe(`约${doubled}`);
    expect(question('kv-cache-6').text.en.options).toContain(`About ${binary(kvBytes(LLAMA2_7B, 32_768))}`);
    for (const lang of ['en', 'zh'] as const) expect(quizText('kv-cache-6', lang)).toContain(binary(kvBytes(LLAMA2_7B, 1)));
    expect(quizText('kv-cache-6', 'en')).toContain(enNum(32_768));
    expect(quizText('kv-cache-6', 'zh')).toContain('32768');
    // kv-cache-7: 16 → 8 bits halves Llama 3 8B's 1 GiB at 8,192 tokens.
    const fp16 = kvBytes(LLAMA3_8B, 8192);
    expect(binary(fp16)).toBe('1 GiB');
    expect(correctOption('kv-cache-7', 'en')).toBe(binary(kvBytes(LLAMA3_8B, 8192, 1)));
    expect(correctOption('kv-cache-7', 'zh')).toBe(binary(kvBytes(LLAMA3_8B, 8192, 1)));
    expect(question('kv-cache-7').text.en.options).toContain(binary(kvBytes(LLAMA3_8B, 8192, 0.5))); // 4-bit
    for (const lang of ['en', 'zh'] as const) expect(quizText('kv-cache-7', lang)).toContain(`${binary(fp16)} → ${binary(fp16 / 2)}`);
  });
});
