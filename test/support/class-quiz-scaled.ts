/**
 * What the full class-quiz tests on both platforms share (class-quiz-telegram-full, class-quiz-discord-full): the
 * production pacing run SCALE times faster, a teacher's own two questions, and readers for what the fakes saw.
 *
 * Time is scaled: everything Telegram and Discord pace by the second runs SCALE times faster there — the quiz's
 * seconds, lobby, reveal pause and live-count interval, the Telegram limiter (20 a minute in a group → 20 per
 * 60 s / SCALE), its edit pacing, and Discord's edit interval. A budget that holds there holds in production.
 */
import { expect } from 'vitest';
import { GROUP_EDIT_INTERVAL_MS, PRIVATE_EDIT_INTERVAL_MS } from '../../src/adapters/telegram/replies.js';
import { TELEGRAM_SEND_LIMITS, type SendLimits } from '../../src/adapters/telegram/send-limiter.js';
import { DEFAULT_CLASS_QUIZ_TIMING, type ClassQuizTiming } from '../../src/core/class-quiz/timing.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Question } from '../../src/core/quiz/bank.js';
import { BANK } from './quiz.js';

export const SCALE = 5;
/** The production pacing, SCALE times faster (lobby and reveal pause as QUIZ_LOBBY_SECONDS=5, QUIZ_REVEAL_SECONDS=5). */
export const TIMING: ClassQuizTiming = {
  lobbyMs: 5_000 / SCALE,
  revealPauseMs: 5_000 / SCALE,
  secondMs: 1_000 / SCALE,
  answerGraceMs: DEFAULT_CLASS_QUIZ_TIMING.answerGraceMs / SCALE,
  liveUpdateMs: DEFAULT_CLASS_QUIZ_TIMING.liveUpdateMs / SCALE,
};
/** Telegram's limits, SCALE times faster: 20 messages per 12 s in a group stands for 20 a minute. */
export const LIMITS: SendLimits = {
  ...TELEGRAM_SEND_LIMITS,
  globalWindowMs: TELEGRAM_SEND_LIMITS.globalWindowMs / SCALE,
  chatSpacingMs: TELEGRAM_SEND_LIMITS.chatSpacingMs / SCALE,
  groupWindowMs: TELEGRAM_SEND_LIMITS.groupWindowMs / SCALE,
};
export const PACING = { privateEditIntervalMs: PRIVATE_EDIT_INTERVAL_MS / SCALE, groupEditIntervalMs: GROUP_EDIT_INTERVAL_MS / SCALE };
/** Discord: about 5 edits per 5 s per message (not scaled: the stricter reading). */
export const DISCORD_EDITS_PER_WINDOW = 5;
export const DISCORD_EDIT_WINDOW_MS = 5_000;
export const WAIT_MS = 15_000;

/** Two questions of the teacher's own, one with two options only. */
export const CUSTOM = [
  { question: 'Which part of a transformer block lets tokens look at each other?', options: ['Self-attention', 'The feed-forward layer', 'The tokenizer', 'Positional encoding'], correct: 0 },
  { question: 'In our class, a causal mask hides which tokens?', options: ['The ones before', 'The ones after'], correct: 1 },
];
export const CUSTOM_CSV = [
  'question,a,b,c,d,answer',
  `"${CUSTOM[0]!.question}",${CUSTOM[0]!.options.join(',')},A`,
  `"${CUSTOM[1]!.question}",${CUSTOM[1]!.options.join(',')},,,B`,
  '',
].join('\n');

/** The bank question a posted question shows (the longest question text it contains). */
export function bankQuestionIn(text: string): Question {
  const plain = toPlainText(text);
  const found = BANK.all.filter((question) => plain.includes(question.text.en.question)).sort((a, b) => b.text.en.question.length - a.text.en.question.length)[0];
  if (!found) throw new Error(`not a bank question: ${plain.slice(0, 120)}`);
  return found;
}

export const LETTERS = ['A', 'B', 'C', 'D'];

/** "📊 A: 1 · B: 2 · C: 0 · D: 0" for these picks among `options` options. */
export function distribution(picks: number[], options: number): string {
  return Array.from({ length: options }, (_, option) => `${LETTERS[option]}: ${picks.filter((pick) => pick === option).length}`).join(' · ');
}

/** The most requests within any window of `windowMs` (sorted times; a window is [t, t + windowMs)). */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - windowMs + 1) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

export function csvRows(bytes: Buffer): string[] {
  // A UTF-8 byte order mark first, for spreadsheets.
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  return bytes.subarray(3).toString('utf8').trim().split('\r\n');
}

// ───────────────────────────────────────────── Telegram ─────────────────────────────────────────────
