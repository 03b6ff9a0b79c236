/** Follow-up building blocks: the token bound of the chain, the kept turns and lesson contexts, the lesson passage. */
import { describe, expect, it } from 'vitest';
import { shippedContent } from '../../src/content/shipped.js';
import { DIGEST_MAX_CHARS, digestOf, LESSON_CONTEXT_TTL_MS, LessonContexts } from '../../src/core/followup/context.js';
import { bestPassage, paragraphs } from '../../src/core/followup/passage.js';
import { FOLLOWUP_HISTORY_MAX_TOKENS, followUpMessages, turnsWithin } from '../../src/core/followup/prompt.js';
import { FOLLOWUP_TURNS_TTL_MS, FollowUpTurns, MAX_FOLLOWUP_TURNS } from '../../src/core/followup/turns.js';
import { userKeyPrefix } from '../../src/core/user-prefs.js';
import { MemoryStore } from '../../src/state/memory.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const turn = (i: number, answerWords = 1) => ({ question: `q${i}`, answer: Array.from({ length: answerWords }, () => 'w').join(' ') });

describe('the follow-up chain', () => {
  it('keeps the newest turns, at most MAX_FOLLOWUP_TURNS, within the token bound in the counter\'s units', () => {
    const six = [1, 2, 3, 4, 5, 6].map((i) => turn(i));
    expect(turnsWithin(six, words).map((kept) => kept.question)).toEqual(['q3', 'q4', 'q5', 'q6']);
    // Each turn costs 1 + 9 = 10 tokens: a bound of 25 holds the newest two.
    const long = [1, 2, 3].map((i) => turn(i, 9));
    expect(turnsWithin(long, words, 25).map((kept) => kept.question)).toEqual(['q2', 'q3']);
    // One turn longer than the whole bound: none is carried (the lesson and the question still are).
    expect(turnsWithin([turn(1, FOLLOWUP_HISTORY_MAX_TOKENS + 1)], words)).toEqual([]);
    expect(MAX_FOLLOWUP_TURNS).toBe(4);
  });

  it('is the lesson as system turn, the kept turns as user/assistant pairs, then the question', () => {
    const messages = followUpMessages('LESSON', [turn(1), turn(2)], 'why?', words);
    expect(messages).toEqual([
      { role: 'system', content: 'LESSON' },
      { role: 'user', content: 'q1' }, { role: 'assistant', content: 'w' },
      { role: 'user', content: 'q2' }, { role: 'assistant', content: 'w' },
      { role: 'user', content: 'why?' },
    ]);
  });
});

describe('kept turns and lesson contexts', () => {
  it('keeps turns under the asker\'s prefix, per chat and topic, for a day', async () => {
    let now = 1_000;
    const store = new MemoryStore(() => now);
    const turns = new FollowUpTurns(store);
    for (let i = 1; i <= 6; i++) await turns.add('telegram', '7', '-100', 'attention', turn(i));
    expect((await turns.recent('telegram', '7', '-100', 'attention')).map((kept) => kept.question)).toEqual(['q3', 'q4', 'q5', 'q6']);
    expect(await turns.recent('telegram', '8', '-100', 'attention')).toEqual([]);
    expect(await turns.recent('telegram', '7', '-100', 'softmax')).toEqual([]);
    expect(await store.deleteUserKeys(userKeyPrefix('telegram', '7'))).toEqual(['followup:-100']);
    await turns.add('telegram', '7', '-100', 'attention', turn(1));
    now += FOLLOWUP_TURNS_TTL_MS + 1;
    expect(await turns.recent('telegram', '7', '-100', 'attention')).toEqual([]);
  });

  it('finds a lesson message\'s context by chat and message id, for a week', async () => {
    let now = 1_000;
    const contexts = new LessonContexts(new MemoryStore(() => now));
    await contexts.remember('telegram', '5', '42', { topic: 'attention', level: 'expert', digest: 'Attention lets…', askId: 'bX' });
    expect(await contexts.find('telegram', '5', '42')).toEqual({ topic: 'attention', level: 'expert', digest: 'Attention lets…' });
    expect(await contexts.find('telegram', '6', '42')).toBeUndefined();
    now += LESSON_CONTEXT_TTL_MS + 1;
    expect(await contexts.find('telegram', '5', '42')).toBeUndefined();
  });

  it('digests a reply as short plain text', () => {
    const digest = digestOf(`**Attention** ${'word '.repeat(200)}`);
    expect([...digest].length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    expect(digest.startsWith('Attention word')).toBe(true);
    expect(digest.endsWith('…')).toBe(true);
  });
});

describe('the lesson passage of a follow-up without a model', () => {
  const { catalog } = shippedContent();
  it('finds why the scores are divided, in English and Chinese', () => {
    expect(bestPassage(catalog.lesson('en', 'attention'), 'beginner', 'why divide by sqrt(d)?')?.text).toContain('square root');
    expect(bestPassage(catalog.lesson('zh', 'attention'), 'beginner', '为什么要除以根号d？')?.text).toContain('平方根');
    expect(bestPassage(catalog.lesson('en', 'attention'), 'beginner', 'why?')).toBeUndefined();
  });

  it('keeps a fenced code block in one paragraph', () => {
    expect(paragraphs('a\n\n```\nx\n\ny\n```\n\nb')).toEqual(['a', '```\nx\n\ny\n```', 'b']);
  });
});
