import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asker } from '../../src/core/tutor.js';
import type { Runtime } from '../../src/main/runtime.js';
import { offlineRuntime } from './fixtures.js';

function member(id: string, options: { admin?: boolean; locale?: string; chat?: string; kind?: 'private' | 'group' } = {}): Asker {
  return {
    user: { id, locale: options.locale, chatAdmin: options.admin },
    chat: { id: options.chat ?? 'class-1', kind: options.kind ?? 'group' },
    platform: 'telegram',
  };
}

describe('a group\'s default language (/lang <language> group)', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  it('is refused in a private chat and to members who are not admins, in their language', async () => {
    const privately = await runtime.tutor.handleText('/lang zh group', member('t1', { admin: true, kind: 'private', chat: 't1' }));
    expect(privately.error?.code).toBe('group_only');
    const student = await runtime.tutor.handleText('/lang en group', member('s1', { locale: 'zh-CN' }));
    expect(student.error?.code).toBe('admins_only');
    expect(student.text).toMatch(/管理员/);
  });

  it('set by an admin, answers members without a language of their own in it; their own choices still win', async () => {
    const teacher = await runtime.tutor.handleText('/lang zh group', member('t1', { admin: true, locale: 'en' }));
    expect(teacher.error).toBeUndefined();
    expect(teacher.locale).toBe('zh');
    expect(teacher.text).toMatch(/本群/);

    expect((await runtime.tutor.handleText('/help', member('s2'))).locale).toBe('zh');
    expect((await runtime.tutor.handleText('/help', member('s3', { locale: 'en-US' }))).locale).toBe('en');
    await runtime.tutor.handleText('/lang en', member('s4'));
    expect((await runtime.tutor.handleText('/help', member('s4'))).locale).toBe('en');
    // Another group, and the same person in a private chat, are not affected.
    expect((await runtime.tutor.handleText('/help', member('s2', { chat: 'class-2' }))).locale).toBe('en');
    expect((await runtime.tutor.handleText('/help', member('s2', { kind: 'private', chat: 's2' }))).locale).toBe('en');
  });

  it('is shared by the channels of one Discord server (settingsId) and cleared with auto', async () => {
    const inChannel = (channel: string, admin = false): Asker => ({
      user: { id: 'd1', chatAdmin: admin },
      chat: { id: channel, kind: 'group', settingsId: 'guild-9' },
      platform: 'discord',
    });
    await runtime.tutor.handleText('/lang zh-Hant group', inChannel('general', true));
    expect((await runtime.tutor.handleText('/help', inChannel('homework'))).locale).toBe('zh-Hant');
    const cleared = await runtime.tutor.handleText('/lang auto group', inChannel('general', true));
    expect(cleared.error).toBeUndefined();
    expect((await runtime.tutor.handleText('/help', inChannel('homework'))).locale).toBe('en');
  });
});
