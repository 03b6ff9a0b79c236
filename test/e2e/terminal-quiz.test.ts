/** A practice round in `npm start --json` (a child process, offline): answers by number, feedback with `correct`. */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { cleanEnv, jsonLines, runTutor, STACK_TRACE, type JsonReply } from '../support/child.js';
import { BANK, questionOf } from '../support/quiz.js';

/** Reads a --json reply back as enough of a Reply for the quiz helpers. */
const asReply = (json: JsonReply): Reply => ({ command: json.command, locale: json.locale as Reply['locale'], text: json.text, buttons: json.buttons });

describe('terminal --json: a quiz practice round', () => {
  for (const { label, env, scoreLine } of [
    { label: 'en', env: cleanEnv(), scoreLine: (right: number, total: number) => `Round over: **${right} of ${total}** right.` },
    { label: 'zh', env: cleanEnv({ LANG: 'zh_CN.UTF-8' }), scoreLine: (right: number, total: number) => `本轮结束：答对 **${right} / ${total}** 题。` },
  ]) {
    it(`is played by numbers to the end, each answer judged against the bank (${label})`, async () => {
      const total = Math.min(5, BANK.forTopic('attention').length);
      // Answer 1, 2, 3… (whatever is right), pressing 1 = "Next question" between questions; then ask for a review.
      const picks = Array.from({ length: total }, (_, index) => (index % 4) + 1);
      const lines = ['/quiz attention', ...picks.flatMap((pick, index) => (index < total - 1 ? [String(pick), '1'] : [String(pick)])), '/quiz review'];
      const run = await runTutor(lines, { env, timeoutMs: 30_000 });
      expect(run.code).toBe(0);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      const replies = jsonLines(run.stdout);
      expect(replies).toHaveLength(lines.length);

      let right = 0;
      for (let index = 0; index < total; index++) {
        const question = replies[index * 2]!;
        const feedback = replies[index * 2 + 1]!;
        expect(question).toMatchObject({ command: 'quiz', topic: 'attention', final: true });
        expect(question.buttons).toHaveLength(4);
        const asked = questionOf(asReply(question));
        const expected = picks[index]! - 1 === asked.correct;
        expect(feedback.correct, `question ${index + 1}`).toBe(expected);
        if (expected) right += 1;
      }
      const last = replies[total * 2 - 1]!;
      expect(last.text).toContain(scoreLine(right, total));
      const review = replies.at(-1)!;
      if (right === total) expect(review.buttons).toHaveLength(1);
      else expect(review.buttons).toHaveLength(4); // the first missed question, asked again
    });
  }
});
