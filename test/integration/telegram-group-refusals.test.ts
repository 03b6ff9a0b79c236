/**
 * Refusals in a Telegram group spend the group's budget (20 messages a minute) only a little: a refused button press
 * is a private toast, never a group message; one person flooding a command gets a few answers and one public "you
 * are going a bit fast", then silence. Real telegraf client against the fake Bot API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_RATE_RULES } from '../../src/core/limits.js';
import { groupChat, person } from '../support/fake-telegram/server.js';
import { startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

describe('refusals in a Telegram group', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());

  it('answers 30 presses of an expired button with 30 private toasts and no group message', async () => {
    const chat = groupChat(-1_000_888_001);
    const student = person(9501, { firstName: 'Ann', languageCode: 'en' });
    const asked = rig.fake.pushGroupMessage(chat, student, '/help');
    const [help] = await rig.messages(chat.id, 1);
    expect(help!.message.reply_to_message?.message_id).toBe(asked.message_id);
    const ids = Array.from({ length: 30 }, () => rig.fake.pushCallbackQuery(student, help!.message, 'bexpiredXXXX'));
    await rig.fake.waitFor(() => (ids.every((id) => rig.fake.state.queryAnswers.has(id)) ? true : undefined), 10_000, '30 toasts');
    for (const id of ids) expect(rig.fake.state.queryAnswers.get(id)?.text).toMatch(/That button has expired/);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(1);
  });

  it('answers a flood of 40 /help from one person with a few answers and one refusal, then stays silent', async () => {
    const chat = groupChat(-1_000_888_002);
    const flooder = person(9502, { firstName: 'Bob', languageCode: 'en' });
    for (let i = 0; i < 40; i++) rig.fake.pushGroupMessage(chat, flooder, '/help');
    // Updates are read in order: once a second person's /help is answered, all 40 were handled.
    const other = person(9503, { firstName: 'Cy', languageCode: 'en' });
    rig.fake.pushGroupMessage(chat, other, '/help');
    const answeredOther = () => rig.fake.botMessages(chat.id).some((stored) => stored.message.reply_to_message?.from?.id === other.id);
    await rig.fake.waitFor(() => (answeredOther() ? true : undefined), 10_000, 'the other person\'s answer');
    const expected = GROUP_RATE_RULES.fast.capacity + 1 + 1;
    const all = await rig.messages(chat.id, expected);
    const texts = all.map((stored) => stored.message.text ?? '');
    expect(texts.filter((text) => text.includes('going a bit fast'))).toHaveLength(1);
    expect(texts).toHaveLength(expected);
  });
});
