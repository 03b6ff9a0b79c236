import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/markdown.js';
import type { Runtime } from '../../src/main/runtime.js';
import { lesson, TOPICS } from '../support/content.js';
import { asker, offlineRuntime } from './fixtures.js';

describe('the tutor, offline', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  it('explains a topic at the beginner level with next steps as buttons', async () => {
    const reply = await runtime.tutor.handleText('/explain attention', asker({ locale: 'en-US' }));
    expect(reply).toMatchObject({ command: 'explain', locale: 'en', topic: 'attention' });
    expect(toPlainText(reply.text)).toMatch(/^Attention · beginner/);
    expect(reply.buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['Simpler', 'Deeper']));
    for (const button of reply.buttons) expect(Buffer.byteLength(button.id)).toBeLessThanOrEqual(64);
  });

  it('follows a button to the next level, as the person who pressed it', async () => {
    const who = asker({ locale: 'en', userId: 'presser' });
    const first = await runtime.tutor.handleText('/explain pretraining', who);
    const deeper = first.buttons.find((button) => button.label === 'Deeper')!;
    const reply = await runtime.tutor.press({ buttonId: deeper.id, ...who });
    expect(reply.topic).toBe('pretraining');
    expect(toPlainText(reply.text)).toMatch(/· expert/);
    const next = reply.buttons.find((button) => button.label.startsWith('Next:'))!;
    expect((await runtime.tutor.press({ buttonId: next.id, ...who })).topic).toBe('learning-paradigms');
  });

  it('answers free questions in Chinese and plain text as /explain', async () => {
    const who = asker({ locale: 'zh-CN', userId: 'zh-student' });
    expect(await runtime.tutor.handleText('/explain 什么是预训练', who)).toMatchObject({ topic: 'pretraining', locale: 'zh' });
    expect(await runtime.tutor.handleText('注意力机制是怎么工作的？', who)).toMatchObject({ command: 'explain', topic: 'attention', locale: 'zh' });
  });

  it('lists the topics for a bare /explain as the buttons themselves, and where to start when nothing matches', async () => {
    const list = await runtime.tutor.handleText('/explain', asker({ userId: 'newcomer' }));
    expect(list.topic).toBeUndefined();
    expect(list.buttons.map((button) => button.label)).toEqual(TOPICS.map((topic) => lesson('en', topic.id).title));
    expect(list.text.split('\n').length).toBeLessThanOrEqual(3);
    expect(list.text).not.toContain('✓');
    const none = await runtime.tutor.handleText('/explain asdfghjkl qwertz', asker());
    expect(none.topic).toBeNull();
    // Words of no lesson: not covered, said so, with where to start (no guess at a lesson).
    expect(none.text).toMatch(/“asdfghjkl qwertz” is not something I cover/);
    expect(none.buttons.length).toBeLessThanOrEqual(4);
    expect(none.buttons.at(-1)!.label).toBe(`All ${TOPICS.length} topics`);
  });

  it('shows the learning path with what this user has opened, and where to continue', async () => {
    const who = asker({ userId: 'walker' });
    await runtime.tutor.handleText(`/explain ${TOPICS[0]!.id}`, who);
    await runtime.tutor.handleText(`/explain ${TOPICS[2]!.id}`, who);
    const path = await runtime.tutor.handleText('/explain', who);
    // Button N is lesson N of the path, whatever has been opened: no "Continue" button shifts the numbers.
    expect(path.buttons).toHaveLength(TOPICS.length);
    expect(path.buttons.filter((button) => button.label.startsWith('✓ ')).map((button) => button.label)).toEqual([`✓ ${lesson('en', TOPICS[0]!.id).title}`, `✓ ${lesson('en', TOPICS[2]!.id).title}`]);
    expect(path.text).toMatch(/2 of/);
    expect(path.text).toContain(`Next up: **${lesson('en', TOPICS[1]!.id).title}**`);
    const resume = path.buttons[1]!;
    expect(resume.label).toBe(`→ ${lesson('en', TOPICS[1]!.id).title}`);
    expect((await runtime.tutor.press({ buttonId: resume.id, ...who })).topic).toBe(TOPICS[1]!.id);
  });

  for (const locale of ['en', 'zh'] as const) {
    it(`walks the whole learning path with buttons alone (${locale})`, async () => {
      // The terminal: one person at their keyboard, clicking faster than any rate limit allows.
      const who = asker({ locale, userId: `path-${locale}`, platform: 'terminal' });
      const welcome = await runtime.tutor.handleText('/start', who);
      let reply = await runtime.tutor.press({ buttonId: welcome.buttons[0]!.id, ...who });
      const visited = [reply.topic];
      for (let step = 0; step < TOPICS.length; step++) {
        const next = reply.buttons.find((button) => /^(Next|下一课)/.test(button.label));
        if (!next) break;
        reply = await runtime.tutor.press({ buttonId: next.id, ...who });
        expect(reply.locale).toBe(locale);
        visited.push(reply.topic);
      }
      expect(visited).toEqual(TOPICS.map((topic) => topic.id));
      const path = await runtime.tutor.handleText('/explain', who);
      expect(path.buttons.every((button) => button.label.startsWith('✓ '))).toBe(true);
      expect(path.text).toMatch(/\/quiz/);
    });
  }

  it('points to an unopened prerequisite first', async () => {
    const who = asker({ userId: 'jumper' });
    const reply = await runtime.tutor.handleText('/explain scaled-dot-product', who);
    const first = reply.buttons.find((button) => button.label.startsWith('First read:'));
    expect(first?.label).toMatch(/First read: /);
    await runtime.tutor.press({ buttonId: first!.id, ...who });
    const firstReads = async () =>
      (await runtime.tutor.handleText('/explain scaled-dot-product', who)).buttons.filter((button) => button.label.startsWith('First read:'));
    const second = await firstReads();
    expect(second).toHaveLength(1);
    expect(second[0]!.label).not.toBe(first!.label);
    await runtime.tutor.press({ buttonId: second[0]!.id, ...who });
    expect(await firstReads()).toEqual([]);
  });

  it('remembers /lang per user and platform, over the platform locale', async () => {
    const who = asker({ locale: 'en-US', userId: 'switcher' });
    const changed = await runtime.tutor.handleText('/lang zh', who);
    expect(changed.locale).toBe('zh');
    expect(changed.error).toBeUndefined();
    expect(await runtime.tutor.handleText('/explain attention', who)).toMatchObject({ locale: 'zh' });
    expect(await runtime.tutor.handleText('/explain attention', { ...who, platform: 'discord' })).toMatchObject({ locale: 'en' });
    expect(await runtime.tutor.handleText('/explain attention', asker({ locale: 'en-US', userId: 'other' }))).toMatchObject({ locale: 'en' });
    const reset = await runtime.tutor.handleText('/lang auto', who);
    expect(reset.locale).toBe('en');
    expect(await runtime.tutor.handleText('/help', who)).toMatchObject({ locale: 'en' });
  });

  it('writes Traditional characters for zh-TW and zh-HK readers', async () => {
    const reply = await runtime.tutor.handleText('/explain attention', asker({ locale: 'zh-TW' }));
    expect(reply.locale).toBe('zh-Hant');
    expect(reply.text).toContain('注意力機制');
    expect(reply.text).not.toContain('注意力机制');
    expect(reply.buttons.map((button) => button.label)).toContain('講簡單點');
  });

  it('shows /lang choices as buttons that set the language', async () => {
    const who = asker({ locale: 'en', userId: 'chooser' });
    const menu = await runtime.tutor.handleText('/lang', who);
    const chinese = menu.buttons.find((button) => button.label === '简体中文')!;
    expect((await runtime.tutor.press({ buttonId: chinese.id, ...who })).locale).toBe('zh');
    expect((await runtime.tutor.handleText('/help', who)).locale).toBe('zh');
  });

  it('/help lists only the commands that work, and says where state is kept', async () => {
    const reply = await runtime.tutor.handleText('/help', asker());
    expect(reply.text).toContain('/explain');
    expect(reply.text).toContain('/quiz');
    // Hidden sub-commands (reached by buttons) and unbuilt ones are not listed.
    const quizDetail = await runtime.tutor.handleText('/help quiz', asker());
    expect(quizDetail.text).toContain('review');
    expect(quizDetail.text).toContain('import');
    expect(quizDetail.text).not.toMatch(/`answer`|`next`|`play`|`join`|`tick`/);
    expect(reply.text).toMatch(/in memory/);
  });

  it('/start welcomes, and a deep-link topic opens that lesson', async () => {
    const welcome = await runtime.tutor.handleText('/start', asker({ locale: 'zh' }));
    expect(welcome.text).toMatch(/欢迎/);
    expect(welcome.buttons.length).toBeGreaterThan(0);
    expect(await runtime.tutor.handleText('/start attention', asker())).toMatchObject({ command: 'explain', topic: 'attention' });
  });

  it('/forget deletes the language choice and progress of that user only', async () => {
    const who = asker({ locale: 'en-US', userId: 'forgetful' });
    const other = asker({ locale: 'en-US', userId: 'keeper' });
    await runtime.tutor.handleText('/lang zh', who);
    await runtime.tutor.handleText('/explain attention', who);
    await runtime.tutor.handleText('/lang zh', other);
    const done = await runtime.tutor.handleText('/forget', who);
    expect(done.locale).toBe('en');
    expect(done.text).toBe('Done. I deleted what I kept about you: your language choice and the lessons you opened.');
    expect((await runtime.tutor.handleText('/forget', who)).text).toBe('I keep nothing about you right now, so there was nothing to delete.');
    expect((await runtime.tutor.handleText('/help', who)).locale).toBe('en');
    expect((await runtime.tutor.handleText('/explain', who)).text).not.toContain('✓');
    expect((await runtime.tutor.handleText('/help', other)).locale).toBe('zh');
  });

  it('refuses the internal quiz timer when a user types it', async () => {
    const reply = await runtime.tutor.handleText('/quiz tick q:anything s:close-0', asker({ kind: 'group' }));
    expect(reply.error?.code).toBe('unknown_subcommand');
    expect(reply.text.split('Choose one of:')[1]).not.toMatch(/tick|play|join|answer/);
  });
});
