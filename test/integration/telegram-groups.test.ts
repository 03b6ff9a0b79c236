/** The Telegram adapter in a class group: commands for this bot only, mentions and replies, no chatter; group /lang. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../../src/core/i18n.js';
import { groupChat, person } from '../support/fake-telegram/server.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const CJK = /[\u4e00-\u9fff]/;

describe('Telegram adapter: groups (offline runtime)', () => {
  let rig: TelegramRig;
  let nextGroup = -1_000_100;
  const newGroup = () => groupChat(nextGroup--);
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());
  afterEach(() => vi.restoreAllMocks());

  /** Pushes `texts` (each ignored or not), then a command the bot must answer; returns what was dispatched from the group. */
  async function dispatchedFrom(group: ReturnType<typeof groupChat>, texts: string[]): Promise<string[]> {
    const dispatch = vi.spyOn(rig.runtime.tutor, 'dispatch');
    const before = rig.fake.botMessages(group.id).length;
    const member = person(2000, { languageCode: 'en' });
    for (const text of texts) rig.fake.pushGroupMessage(group, member, text);
    rig.fake.pushGroupMessage(group, member, `/help@${rig.fake.bot.username}`);
    await rig.messages(group.id, before + 1, { ready: (sent) => sent.some((stored) => shown(stored).includes('Commands')) });
    return dispatch.mock.calls.filter(([invocation]) => invocation.chat.id === String(group.id)).map(([invocation]) => invocation.command);
  }

  it('answers /explain@ThisBot as a reply to the command, and ignores commands for other bots and ordinary chatter', async () => {
    const group = newGroup();
    const teacher = person(2001, { languageCode: 'en' });
    const command = rig.fake.pushGroupMessage(group, teacher, `/explain@${rig.fake.bot.username} attention`);
    const [answer] = await rig.messages(group.id, 1);
    expect(shown(answer!)).toMatch(/attention/i);
    expect(answer!.message.reply_to_message?.message_id).toBe(command.message_id);

    const commands = await dispatchedFrom(group, [
      '/explain@SomeOtherBot attention',
      'good morning class, today we learn about attention',
      '/weather',
      'what does the T in GPT mean?',
    ]);
    expect(commands).toEqual(['help']);
  });

  it('answers a mention of the bot and a reply to one of its messages, and a bare /command of its own', async () => {
    const group = newGroup();
    const student = person(2002, { languageCode: 'en' });
    rig.fake.pushGroupMessage(group, student, `@${rig.fake.bot.username} what does the T in GPT mean?`);
    const [first] = await rig.messages(group.id, 1);
    expect(shown(first!)).toMatch(/transformer/i);
    rig.fake.pushGroupMessage(group, student, 'and what is attention?', { replyTo: first!.message.message_id });
    const [, second] = await rig.messages(group.id, 2);
    expect(shown(second!)).toMatch(/attention/i);
    rig.fake.pushGroupMessage(group, student, '/explain attention');
    await rig.messages(group.id, 3);
  });

  it('answers an unknown command addressed to it, in the asker\'s language', async () => {
    const group = newGroup();
    rig.fake.pushGroupMessage(group, person(2003, { languageCode: 'zh-hans' }), `/nosuch@${rig.fake.bot.username}`);
    const [answer] = await rig.messages(group.id, 1);
    expect(shown(answer!)).toMatch(CJK);
    expect(shown(answer!)).toContain('/nosuch');
  });

  it('lets only the group\'s admins set its default language, asking Telegram only for that command', async () => {
    const group = newGroup();
    const member = person(2004, { languageCode: 'en' });
    const admin = person(2005, { languageCode: 'en' });
    rig.fake.setChatMember(group.id, admin.id, 'administrator');
    const lookupsBefore = rig.fake.callsTo('getChatMember').length;

    rig.fake.pushGroupMessage(group, member, `/lang@${rig.fake.bot.username} zh group`);
    const [refused] = await rig.messages(group.id, 1);
    expect(shown(refused!)).toBe(t('en', 'errors.admins_only').replace(/\*\*/g, ''));

    rig.fake.pushGroupMessage(group, admin, '/lang zh group');
    const [, accepted] = await rig.messages(group.id, 2);
    expect(shown(accepted!)).toMatch(CJK);
    expect(rig.fake.callsTo('getChatMember').length - lookupsBefore).toBe(2);

    // A member whose app reports no language now gets the group's; one whose app says English keeps English.
    rig.fake.pushGroupMessage(group, person(2006), '/explain attention');
    const [, , groupDefault] = await rig.messages(group.id, 3);
    expect(shown(groupDefault!)).toMatch(CJK);
    rig.fake.pushGroupMessage(group, member, '/explain attention');
    const [, , , own] = await rig.messages(group.id, 4);
    expect(shown(own!)).not.toMatch(CJK);
    expect(rig.fake.callsTo('getChatMember').length - lookupsBefore).toBe(2);
  });

  it('never sent a request Telegram would refuse', () => {
    expect(rig.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
  });
});
