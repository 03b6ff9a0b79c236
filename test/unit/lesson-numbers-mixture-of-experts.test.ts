/**
 * The figures of the mixture-of-experts lesson (locales/<lang>/lessons/mixture-of-experts.md) and its quiz,
 * recomputed from their published inputs: a figure in either language that does not follow from them fails here.
 * Inputs: Mixtral of Experts (Jiang et al. 2024, Table 1: dim 4096, 32 layers, FFN hidden 14336, 32 heads of 128,
 * 8 KV heads, vocabulary 32000, 8 experts, top-2; 46.7 B total / 12.9 B active per Mistral AI's announcement);
 * DeepSeek-V3 Technical Report (2024: 671 B total, 37 B activated); Switch Transformer (Fedus et al.: α = 0.01).
 */
import { describe, expect, it } from 'vitest';
import { plainLevels, questionText, topicQuestions } from '../support/content.js';

const en = plainLevels('en', 'mixture-of-experts');
const zh = plainLevels('zh', 'mixture-of-experts');
const quiz = topicQuestions('mixture-of-experts');
const quizText = (lang: 'en' | 'zh') => quiz.map((q) => questionText(q, lang)).join('\n');

const B = 1e9;
const MIXTRAL = { d: 4096, hidden: 14336, layers: 32, experts: 8, k: 2, heads: 32, kvHeads: 8, headDim: 128, vocab: 32000, total: 46.7 * B, active: 12.9 * B };
const DEEPSEEK_V3 = { total: 671 * B, active: 37 * B, routed: 256, shared: 1, routedActive: 8 };

/** 4.67e10 → "46.7 B" (English) and "467亿" (Chinese, 亿 = 1e8), to the digits given. */
const enB = (value: number, digits = 1) => `${(value / B).toFixed(digits)} B`;
const zhYi = (value: number, digits = 0) => `${(value / 1e8).toFixed(digits)}亿`;
const percent = (part: number, whole: number, digits = 0) => `${((100 * part) / whole).toFixed(digits)}%`;

// Mixtral's parameter count from its shapes: a SwiGLU expert has three d×hidden matrices; attention is shared.
const expertParams = 3 * MIXTRAL.d * MIXTRAL.hidden;
const allExperts = MIXTRAL.layers * MIXTRAL.experts * expertParams;
const activeExperts = MIXTRAL.layers * MIXTRAL.k * expertParams;
const attentionPerLayer = 2 * MIXTRAL.d * MIXTRAL.heads * MIXTRAL.headDim + 2 * MIXTRAL.d * MIXTRAL.kvHeads * MIXTRAL.headDim;
const embeddings = 2 * MIXTRAL.vocab * MIXTRAL.d; // input embedding and output head, not tied
const router = MIXTRAL.layers * MIXTRAL.d * MIXTRAL.experts;
const shared = MIXTRAL.layers * attentionPerLayer + embeddings;

describe('mixture-of-experts lesson numbers', () => {
  it("Mixtral's parameter count recomputed from its shapes gives the published 46.7 B total and 12.9 B active", () => {
    expect((allExperts + shared + router) / B).toBeCloseTo(MIXTRAL.total / B, 1);
    expect((activeExperts + shared + router) / B).toBeCloseTo(MIXTRAL.active / B, 1);
  });

  it('the expert level shows that computation, step by step, in both languages', () => {
    expect(en.expert).toContain(`3 × ${MIXTRAL.d} × ${MIXTRAL.hidden} ≈ ${(expertParams / 1e6).toFixed(1)} M`);
    expect(zh.expert).toContain(`3 × ${MIXTRAL.d} × ${MIXTRAL.hidden} ≈ ${(expertParams / 1e8).toFixed(3)}亿`);
    expect(en.expert).toContain(`${MIXTRAL.layers} × ${MIXTRAL.experts} × ${(expertParams / 1e6).toFixed(1)} M ≈ ${enB(allExperts)}`);
    expect(zh.expert).toContain(`${MIXTRAL.layers} × ${MIXTRAL.experts} × ${(expertParams / 1e8).toFixed(3)}亿 ≈ ${zhYi(allExperts)}`);
    expect(en.expert).toContain(`${MIXTRAL.layers} × ${MIXTRAL.k} × ${(expertParams / 1e6).toFixed(1)} M ≈ ${enB(activeExperts)}`);
    expect(zh.expert).toContain(`${MIXTRAL.layers} × ${MIXTRAL.k} × ${(expertParams / 1e8).toFixed(3)}亿 ≈ ${zhYi(activeExperts)}`);
    expect(en.expert).toContain(`attention + embeddings ≈ ${enB(shared)}`);
    expect(zh.expert).toContain(`注意力 + 嵌入 ≈ ${zhYi(shared)}`);
    expect(en.expert).toContain(`total ${enB(MIXTRAL.total)}, active ${enB(MIXTRAL.active)}`);
    expect(zh.expert).toContain(`总计${zhYi(MIXTRAL.total)}，激活${zhYi(MIXTRAL.active)}`);
    for (const text of [en.expert, zh.expert]) expect(text).toContain(`d = ${MIXTRAL.d}`);
  });

  it("Mixtral's active share: 12.9 / 46.7 ≈ 28%, at the beginner and expert levels", () => {
    const share = percent(MIXTRAL.active, MIXTRAL.total);
    expect(share).toBe('28%');
    expect(en.beginner).toContain(`12.9 / 46.7 ≈ ${share}`);
    expect(zh.beginner).toContain(`12.9 ÷ 46.7 ≈ ${share}`);
    for (const text of [en.expert, zh.expert]) expect(text).toContain(`≈ ${share}`);
    expect(en.beginner).toContain(`Total parameters: ${enB(MIXTRAL.total)}`);
    expect(zh.beginner).toContain(`总参数：${zhYi(MIXTRAL.total)}`);
    expect(en.beginner).toContain(`${enB(MIXTRAL.active)}, so`);
    expect(zh.beginner).toContain(`激活参数：${zhYi(MIXTRAL.active)}`);
  });

  it("DeepSeek-V3's active share: 37 / 671 ≈ 5.5%", () => {
    const share = percent(DEEPSEEK_V3.active, DEEPSEEK_V3.total, 1);
    expect(share).toBe('5.5%');
    expect(en.beginner).toContain(`${DEEPSEEK_V3.total / B} B total, ${DEEPSEEK_V3.active / B} B active per token, about ${share}`);
    expect(zh.beginner).toContain(`总参数${zhYi(DEEPSEEK_V3.total)}，每个词元激活${zhYi(DEEPSEEK_V3.active)}，约${share}`);
    expect(en.expert).toContain(`${DEEPSEEK_V3.active / B} B of ${DEEPSEEK_V3.total / B} B ≈ ${share}`);
    expect(zh.expert).toContain(`${zhYi(DEEPSEEK_V3.total)}中激活${zhYi(DEEPSEEK_V3.active)}，≈ ${share}`);
    expect(en.expert).toContain(`${DEEPSEEK_V3.routed} routed + ${DEEPSEEK_V3.shared} shared expert, ${DEEPSEEK_V3.routedActive} routed active`);
    expect(zh.expert).toContain(`${DEEPSEEK_V3.routed}个路由专家 + ${DEEPSEEK_V3.shared}个共享专家，激活${DEEPSEEK_V3.routedActive}个路由专家`);
  });

  it('not 8 × 7 = 56 B; all experts in memory: 46.7 B × 2 bytes ≈ 93 GB in 16-bit', () => {
    const naive = 8 * 7 * B;
    expect(naive).toBeGreaterThan(MIXTRAL.total);
    expect(en.beginner).toContain(`8 × 7 = ${enB(naive, 0)}`);
    expect(zh.beginner).toContain(`8 × 7 = ${zhYi(naive)}`);
    const gigabytes = Math.round((MIXTRAL.total * 2) / 1e9);
    expect(en.beginner).toContain(`16-bit take about ${gigabytes} GB`);
    expect(zh.beginner).toContain(`16位存储约需${gigabytes} GB`);
    expect(quizText('en')).toContain(`about ${gigabytes} GB in 16-bit`);
    expect(quizText('zh')).toContain(`16位约${gigabytes} GB`);
  });

  it('the top-k and the expert count agree across levels and the quiz (8 experts, top 2)', () => {
    for (const text of [en.kid, zh.kid]) expect(text).toContain(String(MIXTRAL.experts));
    expect(en.kid).toContain(`Only those ${MIXTRAL.k} helpers`);
    expect(zh.kid).toContain(`只有这${MIXTRAL.k}位助手`);
    expect(en.kid).toContain(`the other ${MIXTRAL.experts - MIXTRAL.k} rest`);
    expect(zh.kid).toContain(`另外${MIXTRAL.experts - MIXTRAL.k}位休息`);
    expect(en.beginner).toContain(`${MIXTRAL.layers} layers has ${MIXTRAL.experts} experts, and each token uses the top ${MIXTRAL.k}`);
    expect(zh.beginner).toContain(`共${MIXTRAL.layers}层，每层${MIXTRAL.experts}个专家，每个词元选其中${MIXTRAL.k}个`);
    expect(en.expert).toContain(`E = ${MIXTRAL.experts}, k = ${MIXTRAL.k}`);
    expect(quizText('en')).toContain(`12.9 / 46.7 ≈ ${percent(MIXTRAL.active, MIXTRAL.total)}`);
    expect(quizText('zh')).toContain(`12.9 ÷ 46.7 ≈ ${percent(MIXTRAL.active, MIXTRAL.total)}`);
    expect(quizText('en')).toContain(`(about ${enB(shared)})`);
    expect(quizText('zh')).toContain(`（约${zhYi(shared)}）`);
  });
});
