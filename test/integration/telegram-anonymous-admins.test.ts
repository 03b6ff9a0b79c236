/**
 * Anonymous group admins and channels on Telegram, through the REAL telegraf client against the fake Bot API, with
 * the real class-quiz engine on the offline runtime: a message sent as the group (from the shared GroupAnonymousBot)
 * is an admin without a getChatMember call, keyed by the group (its own rate limits, the quiz's starter); its lobby
 * and questions go to the group; its /quiz results become a button an admin presses as themselves (then their
 * private chat or the start link); a message sent as a linked channel is refused teacher rights in the chat's
 * language; an automatic forward is ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_RATE_RULES } from '../../src/core/limits.js';
import { channelChat, GROUP_ANONYMOUS_BOT, groupChat, person, type StoredMessage, type TgChat, type TgUser } from '../support/fake-telegram/server.js';
import { LIMITS, PACING, TIMING, WAIT_MS } from '../support/class-quiz-scaled.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

describe('anonymous admins and channels in a Telegram group', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig({ classQuizTiming: TIMING, limits: LIMITS, pacing: PACING });
  });
  afterAll(() => rig.close());

  /** The first bot message in the chat after message `after` whose text matches. */
  const botMessage = (chat: TgChat, after: number, pattern: RegExp, what: string): Promise<StoredMessage> =>
    rig.fake.waitFor(() => rig.fake.botMessages(chat.id).find((stored) => stored.message.message_id > after && pattern.test(shown(stored))), WAIT_MS, what);
  const asksAbout = (userId: number) => rig.fake.callsTo('getChatMember').filter((call) => Number(call.params['user_id']) === userId);
  const press = (who: TgUser, stored: StoredMessage) => {
    const data = stored.message.reply_markup!.inline_keyboard[0]![0]!.callback_data!;
    return rig.fake.pushCallbackQuery(who, stored.message, data);
  };

  it('runs a quiz an anonymous admin started: group posts, teacher commands for real admins only, results by a button', { timeout: 60_000 }, async () => {
    const chat = groupChat(-1_000_777_001, 'Class 7');
    const admin = person(8701, { firstName: 'Teacher', languageCode: 'en' });
    const student = person(8702, { firstName: 'Ann', languageCode: 'en' });
    rig.fake.setChatMember(chat.id, admin.id, 'administrator');
    rig.fake.state.forgetUser(admin.id);

    const started = rig.fake.pushAnonymousMessage(chat, '/quiz start attention 2 5');
    const lobby = await botMessage(chat, started.message_id, /Class quiz/, 'the lobby');
    expect(lobby.message.reply_to_message?.message_id).toBe(started.message_id);
    const question = await botMessage(chat, lobby.message.message_id, /^Question 1 of 2/, 'question 1 in the group');
    expect(question.message.chat.id).toBe(chat.id);

    // The anonymous admin's rights came from the message itself: Telegram was never asked about the shared account.
    const stopAnon = rig.fake.pushAnonymousMessage(chat, '/quiz skip');
    await botMessage(chat, stopAnon.message_id, /^Skipped\./, 'skipped by the anonymous admin');
    expect(asksAbout(GROUP_ANONYMOUS_BOT.id)).toEqual([]);

    // The starter is the group's anonymous identity: a student is refused, a real admin (asked of Telegram) may.
    const refused = rig.fake.pushGroupMessage(chat, student, '/quiz stop');
    const refusal = await botMessage(chat, refused.message_id, /Only whoever started the quiz, or a group admin/, 'the student refused');
    expect(refusal.message.reply_to_message?.message_id).toBe(refused.message_id);
    const stopped = rig.fake.pushGroupMessage(chat, admin, '/quiz stop');
    await botMessage(chat, stopped.message_id, /Stopping the quiz/, 'stopped by a real admin');
    await botMessage(chat, stopped.message_id, /^🏁 Final results/, 'the podium');
    expect(asksAbout(admin.id).length).toBeGreaterThan(0);

    // /quiz results as the group: no private chat to reach, so a button for an admin to press as themselves.
    const asked = rig.fake.pushAnonymousMessage(chat, '/quiz results');
    const offer = await botMessage(chat, asked.message_id, /You asked as the group/, 'the results offer');
    expect(offer.message.document).toBeUndefined();
    expect(offer.message.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('Results for me (admins)');
    expect(rig.fake.callsTo('sendDocument')).toEqual([]);

    // A student's press is refused; the real admin's press gets their own start link (they never started the bot)…
    const studentPress = press(student, offer);
    await botMessage(chat, offer.message.message_id, /Only whoever started the quiz, or a group admin/, 'the student\'s press refused');
    expect(rig.fake.state.queryAnswers.has(studentPress)).toBe(true);
    press(admin, offer);
    const fallback = await botMessage(chat, offer.message.message_id, /cannot message you privately/, 'the start link');
    const link = fallback.message.reply_markup?.inline_keyboard[0]?.[0]?.url;
    expect(link).toMatch(new RegExp(`^https://t\\.me/${rig.fake.bot.username}\\?start=r[A-Za-z0-9_-]{12}$`));
    // …which opens the CSV in their private chat.
    rig.fake.pushPrivateMessage(admin, `/start ${new URL(link!).searchParams.get('start')!}`);
    const [file] = await rig.messages(admin.id, 1, { timeoutMs: WAIT_MS, ready: (sent) => sent.some((stored) => stored.message.document !== undefined) });
    expect(file!.message.document?.file_name).toMatch(/^quiz-results-.+\.csv$/);
    expect(rig.fake.botMessages(student.id)).toEqual([]);
    expect(asksAbout(GROUP_ANONYMOUS_BOT.id)).toEqual([]);
  });

  it('keeps one rate bucket per anonymous group identity: two groups\' anonymous admins do not share one', { timeout: 30_000 }, async () => {
    const [first, second] = [groupChat(-1_000_777_002), groupChat(-1_000_777_003)];
    const flood = GROUP_RATE_RULES.fast.capacity + 1;
    for (let i = 0; i < flood; i++) rig.fake.pushAnonymousMessage(first, '/help');
    const [answers] = await Promise.all([rig.messages(first.id, flood)]);
    expect(answers.map(shown).filter((text) => text.includes('going a bit fast'))).toHaveLength(1);
    // The other group's anonymous admin is not held back by the first group's flood.
    const other = rig.fake.pushAnonymousMessage(second, '/help');
    const [help] = await rig.messages(second.id, 1);
    expect(help!.message.reply_to_message?.message_id).toBe(other.message_id);
    expect(shown(help!)).not.toContain('going a bit fast');
  });

  it('refuses teacher rights to a message sent as a linked channel, in the chat\'s language, and ignores automatic forwards', { timeout: 30_000 }, async () => {
    const chat = groupChat(-1_000_777_004);
    const channel = channelChat(-1_000_666_004, 'Class news');
    const admin = person(8711, { firstName: 'Teacher', languageCode: 'en' });
    rig.fake.setChatMember(chat.id, admin.id, 'creator');
    const lang = rig.fake.pushGroupMessage(chat, admin, '/lang zh group');
    const langSet = await botMessage(chat, lang.message_id, /./, 'the language set');

    rig.fake.pushChannelMessage(chat, channel, '/quiz stop', { automaticForward: true });
    const sent = rig.fake.pushChannelMessage(chat, channel, '/quiz stop');
    const refusal = await botMessage(chat, sent.message_id, /频道/, 'the channel refused');
    expect(shown(refusal)).toContain('你现在是以频道身份发言');
    expect(refusal.message.reply_to_message?.message_id).toBe(sent.message_id);
    // The forward before it got nothing; no member check was made for the channel.
    expect(rig.fake.botMessages(chat.id).filter((stored) => stored.message.message_id > langSet.message.message_id && stored.message.message_id < sent.message_id)).toEqual([]);
    expect(rig.fake.callsTo('getChatMember').filter((call) => call.params['chat_id'] === String(chat.id) && Number(call.params['user_id']) !== admin.id)).toEqual([]);
  });
});
