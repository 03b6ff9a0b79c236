import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/markdown.js';
import type { Reply } from '../../src/core/reply.js';
import type { Asker } from '../../src/core/tutor.js';
import type { Runtime } from '../../src/main/runtime.js';
import { answerButton, BANK, questionOf } from '../support/quiz.js';
import { asker, offlineRuntime, STACK_TRACE } from './fixtures.js';

// The terminal is exempt from rate limits: these tests press many buttons quickly.
const student = (options: Parameters<typeof asker>[0]) => asker({ platform: 'terminal', ...options });

describe('private quiz practice', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  const press = (who: Asker, id: string) => runtime.tutor.press({ buttonId: id, ...who });
  const say = (who: Asker, line: string) => runtime.tutor.handleText(line, who);

  /** Answers every question of the round that `first` opened; returns the last feedback. */
  async function finishRound(who: Asker, first: Reply, pick: (index: number) => 'right' | 'wrong'): Promise<Reply[]> {
    const feedback: Reply[] = [];
    let question = first;
    for (let index = 0; index < 10; index++) {
      const answer = await press(who, answerButton(question, pick(index)).id);
      feedback.push(answer);
      const next = answer.buttons[0];
      if (!next || answer.text.includes('Round over') || answer.text.includes('本轮结束')) break;
      question = await press(who, next.id);
    }
    return feedback;
  }

  it('asks one question on the chosen topic, with its four options as buttons', async () => {
    const who = student({ userId: 'p1' });
    const reply = await say(who, '/quiz attention');
    expect(reply.error).toBeUndefined();
    expect(reply.topic).toBe('attention');
    expect(reply.buttons).toHaveLength(4);
    expect(toPlainText(reply.text)).toMatch(/^Question 1 of \d/);
    const question = questionOf(reply);
    expect(question.topic).toBe('attention');
    expect(reply.buttons.map((button) => button.label)).toEqual(question.text.en.options);
  });

  it('tells right from wrong with the explanation, counts an answer once, and refuses old or foreign buttons', async () => {
    const who = student({ userId: 'p2' });
    const question = await say(who, '/quiz softmax');
    const wrong = answerButton(question, 'wrong');
    const feedback = await press(who, wrong.id);
    expect(feedback.correct).toBe(false);
    const asked = questionOf(question);
    expect(toPlainText(feedback.text)).toContain(asked.text.en.explanations[wrong.option]!);
    // The right option's explanation, without its own "Right." (the answer is said to be right once).
    expect(toPlainText(feedback.text)).toContain(asked.text.en.explanations[asked.correct]!.replace(/^Right\.\s*/, ''));
    expect(toPlainText(feedback.text)).not.toMatch(/Right\./);

    // Pressing any option of the same question again: it is no longer open.
    for (const button of question.buttons) expect((await press(who, button.id)).error?.code).toBe('question_closed');
    // Someone else pressing this student's buttons answers nothing of theirs.
    const next = await press(who, feedback.buttons[0]!.id);
    expect((await press(student({ userId: 'intruder' }), next.buttons[0]!.id)).error?.code).toBe('question_closed');
    // A forged or unknown button id.
    expect((await press(who, 'bAAAAAAAAAAA')).error?.code).toBe('button_expired');
    expect((await press(who, 'not-an-id')).error?.code).toBe('button_expired');
    // The real answer still works after all that.
    expect((await press(who, answerButton(next, 'right').id)).correct).toBe(true);
  });

  it('ends a round with a score line, remembers what was missed, and brings it back in /quiz review', async () => {
    const who = student({ userId: 'p3', locale: 'zh-CN' });
    const first = await say(who, '/quiz multi-head');
    expect(toPlainText(first.text)).toMatch(/^第 1 题/);
    const missedId = questionOf(first).id;
    const feedback = await finishRound(who, first, (index) => (index === 0 ? 'wrong' : 'right'));
    const total = Math.min(5, BANK.forTopic('multi-head').length);
    expect(feedback).toHaveLength(total);
    expect(feedback.map((reply) => reply.correct)).toEqual([false, ...Array(total - 1).fill(true)]);
    expect(toPlainText(feedback.at(-1)!.text)).toContain(`答对 ${total - 1} / ${total} 题`);
    expect(feedback.at(-1)!.buttons.map((button) => button.label)).toContain('复习错题（1）');

    const review = await say(who, '/quiz review');
    expect(toPlainText(review.text)).toMatch(/^复习第 1 题，共 1 题/);
    expect(questionOf(review).id).toBe(missedId);
    const fixed = await press(who, answerButton(review, 'right').id);
    expect(fixed.correct).toBe(true);
    expect((await say(who, '/quiz review')).text).toMatch(/没有需要复习的题/);
  });

  it('without a topic spends most of the round on weak topics', async () => {
    const who = student({ userId: 'p4' });
    // Miss every question of one topic: left to choose, the tutor now asks at least three of the five from it.
    await finishRound(who, await say(who, '/quiz sampling'), () => 'wrong');
    const feedback = await finishRound(who, await say(who, '/quiz'), () => 'right');
    expect(feedback).toHaveLength(5);
    expect(feedback.filter((reply) => reply.topic === 'sampling').length).toBeGreaterThanOrEqual(3);
    // A student with no history gets questions from across the curriculum.
    const fresh = await finishRound(student({ userId: 'p4b' }), await say(student({ userId: 'p4b' }), '/quiz'), () => 'right');
    expect(new Set(fresh.map((reply) => reply.topic)).size).toBeGreaterThan(1);
  });

  it('accepts a topic described in words, in either language, and says so when there is none', async () => {
    expect(questionOf(await say(student({ userId: 'p5' }), '/quiz 多头注意力')).topic).toBe('multi-head');
    const none = await say(student({ userId: 'p5' }), '/quiz zebra migration patterns');
    expect(none.error?.code).toBe('quiz_no_topic');
    expect(none.text).not.toMatch(STACK_TRACE);
  });

  it('offers "Quiz me on this" under every lesson, and it quizzes that lesson', async () => {
    const who = student({ userId: 'p6' });
    const lesson = await say(who, '/explain qkv');
    const quizMe = lesson.buttons.find((button) => button.label === 'Quiz me on this');
    expect(quizMe).toBeDefined();
    expect(questionOf(await press(who, quizMe!.id)).topic).toBe('qkv');
  });

  it('/quiz start is a class quiz in a group; in a private chat it says where class quizzes run, then practises', async () => {
    const inGroup = await say(student({ userId: 'p7', kind: 'group' }), '/quiz start attention 5 20');
    expect(inGroup.text).toMatch(/Class quiz/);
    expect(inGroup.buttons.map((button) => button.label)).toEqual(['Join']);
    const inPrivate = await say(student({ userId: 'p7' }), '/quiz start attention');
    expect(questionOf(inPrivate).topic).toBe('attention');
    expect(inPrivate.text).toMatch(/^Class quizzes run in a Telegram group or a Discord server/);
    expect(inPrivate.text).toContain('Question 1 of');
  });

  it('counts 50 concurrent presses of one answer exactly once', async () => {
    const who = student({ userId: 'p8' });
    const question = await say(who, '/quiz tokens');
    const { id } = answerButton(question, 'right');
    const replies = await Promise.all(Array.from({ length: 50 }, () => press(who, id)));
    expect(replies.filter((reply) => reply.correct === true)).toHaveLength(1);
    expect(replies.filter((reply) => reply.error?.code === 'question_closed')).toHaveLength(49);
  });
});
