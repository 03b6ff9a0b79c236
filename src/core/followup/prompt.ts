/**
 * The conversation a follow-up becomes for an instruct model: the lesson in the system turn, then the latest earlier
 * turns that fit FOLLOWUP_HISTORY_MAX_TOKENS (newest kept first), then the question.
 */
import type { ChatMessage } from '../model-port.js';
import { MAX_FOLLOWUP_TURNS, type FollowUpTurn } from './turns.js';

/**
 * Tokens (the model tokenizer's count) the earlier turns may take together: a few short exchanges, small beside the
 * lesson and a 0.5B model's 32k context, so the prompt stays quick to prefill.
 */
export const FOLLOWUP_HISTORY_MAX_TOKENS = 512;
/** Without a tokenizer: about 3 characters a token, a cautious figure for English (Chinese runs nearer 1.5). */
const CHARS_PER_TOKEN_ESTIMATE = 3;

export type TokenCounter = (text: string) => number;

export function estimateTokens(text: string): number {
  return Math.ceil([...text].length / CHARS_PER_TOKEN_ESTIMATE);
}

/** The newest turns (at most MAX_FOLLOWUP_TURNS) whose questions and answers fit `maxTokens`, oldest first. */
export function turnsWithin(turns: readonly FollowUpTurn[], count: TokenCounter, maxTokens = FOLLOWUP_HISTORY_MAX_TOKENS): FollowUpTurn[] {
  const kept: FollowUpTurn[] = [];
  let used = 0;
  for (const turn of turns.slice(-MAX_FOLLOWUP_TURNS).reverse()) {
    used += count(turn.question) + count(turn.answer);
    if (used > maxTokens) break;
    kept.unshift(turn);
  }
  return kept;
}

export function followUpMessages(system: string, turns: readonly FollowUpTurn[], question: string, count: TokenCounter, maxTokens = FOLLOWUP_HISTORY_MAX_TOKENS): ChatMessage[] {
  const history = turnsWithin(turns, count, maxTokens).flatMap((turn): ChatMessage[] => [
    { role: 'user', content: turn.question },
    { role: 'assistant', content: turn.answer },
  ]);
  return [{ role: 'system', content: system }, ...history, { role: 'user', content: question }];
}
