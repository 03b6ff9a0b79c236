/** A few hostile lines through the real terminal child: each gets a reply, nothing leaks, the process ends well. */
import { describe, expect, it } from 'vitest';
import { cleanEnv, jsonLines, runTutor, STACK_TRACE, type JsonReply } from '../support/child.js';

const LONG_LINE = 'a'.repeat(10_000);
const CONTROL_LINE = 'what\u0000is\u0007 \u001b[31mattention\u001b[0m\u0008?';
const MENTION_LINE = '@everyone <b>hi</b>';

describe('terminal --json, bad input', () => {
  it('answers every bad line with one JSON reply and exits 0', async () => {
    const lines = [LONG_LINE, CONTROL_LINE, MENTION_LINE, '/generate temperature:NaN hi', '/lang klingon', '/explain attention'];
    const run = await runTutor(lines, { env: cleanEnv() });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(STACK_TRACE);

    const replies = jsonLines(run.stdout);
    expect(replies).toHaveLength(lines.length);
    for (const reply of replies) {
      expect(reply.final).toBe(true);
      expect(reply.lang).toBe('en');
      expect(reply.text).not.toMatch(STACK_TRACE);
      // Nothing the user typed comes back as a control character (terminal escapes, NUL, bell…).
      expect(reply.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      if (reply.error) expect(reply.error.key).toBe(`errors.${reply.error.code}`);
    }
    const [long, control, mention, generate, klingon, fine] = replies as [JsonReply, JsonReply, JsonReply, JsonReply, JsonReply, JsonReply];

    expect(long).toMatchObject({ command: 'explain', error: { code: 'option_too_long' } });
    expect(long.text.length).toBeLessThan(1_000);

    // Plain text is a question for /explain: cleaned, then answered (a lesson or the topic list).
    expect(control.command).toBe('explain');
    expect(control.error).toBeUndefined();

    expect(mention.command).toBe('explain');
    expect(mention.error).toBeUndefined();

    expect(generate.command).toBe('generate');
    expect(generate.error?.key).toMatch(/^errors\./);

    expect(klingon).toMatchObject({ command: 'lang', error: { code: 'option_invalid_choice', key: 'errors.option_invalid_choice' } });
    expect(klingon.text).toContain('zh');

    // The session is still healthy afterwards.
    expect(fine).toMatchObject({ command: 'explain', topic: 'attention' });
    expect(fine.error).toBeUndefined();
  });

  it('answers an unknown command and a stray number with error keys, still one reply per line', async () => {
    const run = await runTutor(['/frobnicate now', '7', '/explain topic:attention level:genius'], { env: cleanEnv() });
    expect(run.code).toBe(0);
    const replies = jsonLines(run.stdout);
    expect(replies).toHaveLength(3);
    expect(replies[0]?.error?.code).toBe('unknown_command');
    // "7" with no choices offered yet is just text: a question for /explain.
    expect(replies[1]?.command).toBe('explain');
    expect(replies[2]?.error?.code).toBe('option_invalid_choice');
    for (const reply of replies) expect(reply.text).not.toMatch(STACK_TRACE);
  });
});
