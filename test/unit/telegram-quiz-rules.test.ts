/** Small rules of the Telegram adapter for class quizzes: the toast text of an answer, and who needs an admin check. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { GroupAdmins, needsAdminCheck } from '../../src/adapters/telegram/admins.js';
import { TELEGRAM_MAX_TOAST_CHARS, toastText } from '../../src/adapters/telegram/html.js';

describe('toastText', () => {
  it('is the plain text of the reply, whitespace folded', () => {
    expect(toastText('**Answer recorded:** `B`\n\n*well done*')).toBe('Answer recorded: B well done');
  });

  it('cuts a long text to 200 UTF-16 units with an ellipsis, never inside an emoji', () => {
    const toast = toastText('🎉'.repeat(150));
    expect(toast.length).toBeLessThanOrEqual(TELEGRAM_MAX_TOAST_CHARS);
    expect(toast.endsWith('🎉…')).toBe(true);
    expect(toastText('x'.repeat(200))).toBe('x'.repeat(200));
    expect(toastText('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('needsAdminCheck', () => {
  const group = { id: '-1', kind: 'group' as const };
  const privateChat = { id: '1', kind: 'private' as const };

  it('asks for the quiz teacher\'s commands and /lang … group in groups only', () => {
    for (const subcommand of ['stop', 'skip', 'import', 'results']) expect(needsAdminCheck(COMMANDS, { chat: group, command: 'quiz', subcommand, args: {} })).toBe(true);
    for (const subcommand of ['start', 'play', 'join', 'practice', undefined]) expect(needsAdminCheck(COMMANDS, { chat: group, command: 'quiz', subcommand, args: {} })).toBe(false);
    expect(needsAdminCheck(COMMANDS, { chat: group, command: 'lang', args: { scope: 'group' } })).toBe(true);
    expect(needsAdminCheck(COMMANDS, { chat: group, command: 'lang', args: {} })).toBe(false);
    expect(needsAdminCheck(COMMANDS, { chat: privateChat, command: 'quiz', subcommand: 'stop', args: {} })).toBe(false);
  });
});

describe('GroupAdmins for messages sent as a chat', () => {
  it('takes the group itself for an admin and a channel for none, without asking Telegram', async () => {
    const asked: unknown[] = [];
    const admins = new GroupAdmins({ getChatMember: (...args: unknown[]) => (asked.push(args), Promise.reject(new Error('not to be asked'))) } as never);
    expect(await admins.isAdmin('-100', 'chat_-100')).toBe(true);
    expect(await admins.isAdmin('-100', 'chat_-200')).toBe(false);
    expect(asked).toEqual([]);
  });
});
