/**
 * Telegram's flood limits through the adapter: a 429 with retry_after delays the message and loses nothing; a burst
 * into one group keeps per-chat spacing and the per-group window; a burst over many chats keeps the global rate.
 * Limits are Telegram's scaled down (TEST_LIMITS) and checked on the fake's arrival times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { groupChat, person, type ApiCall } from '../support/fake-telegram/server.js';
import { startTelegramRig, TEST_LIMITS, TEST_RETRY_AFTER_UNIT_MS, type TelegramRig } from '../support/telegram-rig.js';

const SENDS = new Set(['sendMessage', 'editMessageText', 'sendPhoto']);

function sendsTo(rig: TelegramRig, chatId: number): ApiCall[] {
  return rig.fake.calls.filter((call) => SENDS.has(call.method) && call.params['chat_id'] === String(chatId));
}

/** The most calls that arrived within any window of `windowMs`. */
function busiestWindow(calls: ApiCall[], windowMs: number): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('Telegram adapter: flood limits', () => {
  let rig: TelegramRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('honours retry_after on 429: the refused messages go out later, none lost, none doubled', async () => {
    rig = await startTelegramRig();
    rig.fake.failNext('sendMessage', { code: 429, retryAfter: 2 }, 3);
    const students = [4001, 4002, 4003, 4004, 4005].map((id) => person(id, { languageCode: 'en' }));
    for (const student of students) rig.fake.pushPrivateMessage(student, '/explain attention');
    for (const student of students) await rig.messages(student.id, 1);

    const sends = rig.fake.callsTo('sendMessage');
    const refused = sends.filter((call) => call.status === 429);
    expect(refused).toHaveLength(3);
    for (const refusal of refused) {
      const chat = refusal.params['chat_id'];
      const retry = sends.find((call) => call.params['chat_id'] === chat && call.at > refusal.at && call.status === 200);
      expect(retry!.at - refusal.at).toBeGreaterThanOrEqual(2 * TEST_RETRY_AFTER_UNIT_MS - 5);
    }
    for (const student of students) expect(rig.fake.botMessages(student.id)).toHaveLength(1);
  });

  it('delays a burst into one group to the per-chat spacing and the per-group window, dropping nothing', async () => {
    rig = await startTelegramRig();
    const group = groupChat(-1_000_400);
    const count = TEST_LIMITS.groupMax + 5;
    for (let i = 0; i < count; i++) rig.fake.pushGroupMessage(group, person(4100 + i, { languageCode: 'en' }), `/explain@${rig.fake.bot.username} attention`);
    await rig.messages(group.id, count, { timeoutMs: 15_000 });

    const sends = sendsTo(rig, group.id);
    expect(sends.every((call) => call.status === 200)).toBe(true);
    expect(sends).toHaveLength(count);
    const times = sends.map((call) => call.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(TEST_LIMITS.chatSpacingMs - 1);
    expect(busiestWindow(sends, TEST_LIMITS.groupWindowMs - 1)).toBeLessThanOrEqual(TEST_LIMITS.groupMax);
  }, 20_000);

  it('keeps the global rate across many chats, dropping nothing', async () => {
    rig = await startTelegramRig();
    const students = Array.from({ length: 90 }, (_, i) => person(4200 + i, { languageCode: i % 2 ? 'en' : 'zh-hans' }));
    for (const student of students) rig.fake.pushPrivateMessage(student, '/explain attention');
    for (const student of students) await rig.messages(student.id, 1);
    const sends = rig.fake.calls.filter((call) => SENDS.has(call.method) && students.some((student) => call.params['chat_id'] === String(student.id)));
    expect(sends).toHaveLength(students.length);
    expect(busiestWindow(sends, TEST_LIMITS.globalWindowMs - 1)).toBeLessThanOrEqual(TEST_LIMITS.globalMax);
  });
});
