/**
 * What bench:queue sends, and who sends it: the serial command, the burst's commands and their askers. Also the
 * small arithmetic its figures share.
 */
import type { Platform } from '../../src/core/invocation.js';
import type { Asker } from '../../src/core/tutor.js';

/** The outbox the bench's edge reads; its consumer renders every delivery, as a chat adapter would. */
export const OUTBOX = 'outbox-bench';
export const SERIAL_LINE = '/explain attention';
/** Topic ids, English and Chinese questions: the retrieval does real work, lessons of every size come back. */
export const BURST_LINES = [
  ...['gpt', 'generative', 'tokens', 'pretraining', 'fine-tuning', 'rlhf', 'transformer', 'embeddings', 'attention', 'qkv', 'softmax', 'multi-head', 'sampling'].map((id) => `/explain ${id}`),
  '/explain what is a token',
  '/explain how does softmax work',
  '/explain why did transformers replace RNNs',
  '/explain positional encoding',
  '/explain scaled dot product attention',
  '/explain what is RLHF',
  '/explain decoder only models',
  '/explain 什么是预训练',
  '/explain 注意力机制是什么',
  '/explain 什么是词元',
  '/explain 微调和预训练有什么区别',
  '/explain 位置编码',
  '/explain 多头注意力',
];
export const USERS = 500;
export const USER_LOCALES = ['en-US', 'zh-CN', 'zh-TW', undefined];
/** The serial rounds' one asker. */
export const SERIAL_ASKER: Asker = { user: { id: 'bench-serial', locale: 'en' }, chat: { id: 'bench-serial', kind: 'private' }, platform: 'terminal' };

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** The value at rank floor(q × (n − 1)) of values sorted ascending (the figures bench:queue has always reported). */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
}

export function askerFor(index: number): Asker {
  const user = index % USERS;
  return {
    user: { id: `bench-user-${user}`, locale: USER_LOCALES[user % USER_LOCALES.length] },
    chat: { id: `bench-chat-${user}`, kind: 'private' },
    // The terminal is exempt from per-user rate limits (RATE_RULES), so the burst is not refused.
    platform: 'terminal' satisfies Platform,
  };
}
