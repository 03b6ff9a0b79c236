/** The Telegram adapter in private chats: the real telegraf client against the fake Bot API, the offline runtime. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import { person } from '../support/fake-telegram/server.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const CJK = /[\u4e00-\u9fff]/;

describe('Telegram adapter: private chats (offline runtime)', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());

  it('starts with getMe, menus per language and scope, deleteWebhook and a long poll', () => {
    const methods = rig.fake.calls.map((call) => call.method);
    expect(methods.slice(0, 2)).toEqual(['getMe', 'setMyCommands']);
    expect(methods).toContain('deleteWebhook');
    expect([...rig.fake.state.commandMenus.keys()].sort()).toEqual(['all_group_chats|', 'all_group_chats|zh', 'all_private_chats|', 'all_private_chats|zh']);
    const zh = rig.fake.state.commandMenus.get('all_private_chats|zh')!;
    const en = rig.fake.state.commandMenus.get('all_private_chats|')!;
    expect(zh.map((entry) => entry.command)).toEqual(en.map((entry) => entry.command));
    expect(zh.find((entry) => entry.command === 'explain')!.description).toMatch(CJK);
    expect(en.find((entry) => entry.command === 'explain')!.description).not.toMatch(CJK);
  });

  it('answers /explain in Chinese to a zh app, with formatting and buttons', async () => {
    const student = person(1001, { languageCode: 'zh-hans' });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [reply] = await rig.messages(student.id, 1, { ready: (sent) => sent[0]!.message.reply_markup !== undefined || sent.length > 1 });
    expect(shown(reply!)).toMatch(CJK);
    expect(reply!.message.entities?.some((entity) => entity.type === 'bold')).toBe(true);
    expect(rig.fake.callsTo('sendChatAction').some((call) => call.params['chat_id'] === String(student.id) && call.params['action'] === 'typing')).toBe(true);
  });

  it('answers /explain in English to an en app, and plain text as a question', async () => {
    const student = person(1002, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [lesson] = await rig.messages(student.id, 1);
    expect(shown(lesson!)).not.toMatch(CJK);
    expect(shown(lesson!)).toMatch(/attention/i);
    rig.fake.pushPrivateMessage(student, 'what does the T in GPT mean?');
    const replies = await rig.messages(student.id, 2);
    expect(shown(replies[1]!)).toMatch(/transformer/i);
  });

  it('opens the lesson of a /start deep link, and welcomes a bare /start', async () => {
    const student = person(1003, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/start attention');
    const [lesson] = await rig.messages(student.id, 1);
    expect(shown(lesson!)).toMatch(/attention/i);
    rig.fake.pushPrivateMessage(student, '/start');
    const replies = await rig.messages(student.id, 2);
    expect(shown(replies[1]!)).toContain('Welcome to GPT Tutor!');
  });

  it('runs a button press as the command behind its opaque id, and says so when an id is unknown', async () => {
    const student = person(1004, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/start');
    const [welcome] = await rig.messages(student.id, 1);
    const buttons = welcome!.message.reply_markup!.inline_keyboard.flat();
    expect(buttons.every((button) => Buffer.byteLength(button.callback_data!) <= 12)).toBe(true);
    const languageButton = buttons.at(-1)!;
    const queryId = rig.fake.pushCallbackQuery(student, welcome!.message, languageButton.callback_data!);
    const afterPress = await rig.messages(student.id, 2);
    expect(shown(afterPress[1]!)).toContain('Current language');
    expect(rig.fake.callsTo('answerCallbackQuery').map((call) => call.params['callback_query_id'])).toContain(queryId);

    // An unknown id is answered privately, as a toast under the button: no message.
    const forged = rig.fake.pushCallbackQuery(student, welcome!.message, 'bForgedId123');
    await rig.fake.waitFor(() => rig.fake.state.queryAnswers.get(forged), 10_000, 'the toast');
    expect(rig.fake.state.queryAnswers.get(forged)?.text).toBe(t('en', 'errors.button_expired'));
    expect(rig.fake.botMessages(student.id)).toHaveLength(2);
  });

  it('follows /lang over the app language', async () => {
    const student = person(1005, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/lang zh');
    await rig.messages(student.id, 1);
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const replies = await rig.messages(student.id, 2);
    expect(shown(replies[1]!)).toMatch(CJK);
  });

  it('maps a zh-TW app to Traditional characters', async () => {
    const student = person(1006, { languageCode: 'zh-TW' });
    rig.fake.pushPrivateMessage(student, '/start');
    const [welcome] = await rig.messages(student.id, 1);
    expect(shown(welcome!)).toContain('歡迎');
  });

  it('never sent a request Telegram would refuse', () => {
    expect(rig.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
  });
});
