import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/markdown.js';
import type { Reply } from '../../src/core/reply.js';
import type { Runtime } from '../../src/main/runtime.js';
import { BAD_INPUT_CASES as CASES } from '../support/bad-input-corpus.js';
import { asker, offlineRuntime, STACK_TRACE } from './fixtures.js';

const DISCORD_MAX_CONTENT_LENGTH = 2_000;

function expectSafe(reply: Reply, language: 'en' | 'zh', key: string | null, label: string) {
  expect(reply.error?.key ?? null, label).toBe(key);
  expect(reply.locale, label).toBe(language);
  expect(reply.text, label).not.toMatch(STACK_TRACE);
  expect(reply.text.length, label).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
  expect(reply.text, label).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
  if (language === 'zh' && key) expect(reply.text, label).toMatch(/\p{Script=Han}/u);
}

describe('bad input gets a clear answer in the user’s language', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  for (const language of ['en', 'zh'] as const) {
    it(`typed lines (${language})`, async () => {
      for (const [line, key] of CASES) {
        const reply = await runtime.tutor.handleText(line, asker({ locale: language, userId: `typed-${language}` }));
        expectSafe(reply, language, key, `${language}: ${JSON.stringify(line.slice(0, 60))}`);
      }
    });
  }

  it('echoes user text literally, never as markup', async () => {
    const reply = await runtime.tutor.handleText('/explain <b>zzqx</b> **zzqy**', asker());
    expect(reply.topic).toBeNull();
    expect(toPlainText(reply.text)).toContain('<b>zzqx</b> **zzqy**');
  });

  it('structured invocations (as Discord sends them) with wrong types and unknown options', async () => {
    const base = { ...asker({ locale: 'zh-CN', platform: 'discord' }), command: 'explain' };
    const cases: [Record<string, string | number | boolean>, string][] = [
      [{ level: 5 }, 'errors.option_invalid_choice'],
      [{ topic: 'x'.repeat(301) }, 'errors.option_too_long'],
      [{ bogus: 1 }, 'errors.unexpected_text'],
      [{ topic: true, level: Number.NaN }, 'errors.option_invalid_choice'],
    ];
    for (const [args, key] of cases) expectSafe(await runtime.tutor.handle({ ...base, args }), 'zh', key, JSON.stringify(args));
    const quiz = await runtime.tutor.handle({ ...base, command: 'quiz', subcommand: 'nope', args: {} });
    expectSafe(quiz, 'zh', 'errors.unknown_subcommand', 'quiz nope');
  });

  it('forged and expired button ids', async () => {
    for (const buttonId of ['', 'bNOPE', 'x'.repeat(500), '../../etc/passwd', 'b' + '\u0000'.repeat(5)]) {
      const reply = await runtime.tutor.press({ buttonId, ...asker({ locale: 'en' }) });
      expectSafe(reply, 'en', 'errors.button_expired', JSON.stringify(buttonId.slice(0, 20)));
    }
  });
});
