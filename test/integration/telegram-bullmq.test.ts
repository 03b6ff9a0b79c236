/**
 * The Telegram adapter on the production path: BullMQ on the test Redis, workers taking the jobs, replies through
 * the `outbox-telegram` queue, state (languages, buttons, a group's default) in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupChat, person } from '../support/fake-telegram/server.js';
import { MAX_MESSAGE_CHARS } from '../support/fake-telegram/validate.js';
import { redisUrl } from '../support/redis.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const CJK = /[\u4e00-\u9fff]/;

describe.skipIf(!redisUrl)('Telegram adapter through BullMQ and workers', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig({ redisUrl });
  });
  afterAll(() => rig?.close());

  it('answers /explain in a private chat in zh and en', async () => {
    const zh = person(9001, { languageCode: 'zh-hans' });
    const en = person(9002, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(zh, '/explain attention');
    rig.fake.pushPrivateMessage(en, '/explain attention');
    const [zhReply] = await rig.messages(zh.id, 1);
    const [enReply] = await rig.messages(en.id, 1);
    expect(shown(zhReply!)).toMatch(CJK);
    expect(shown(enReply!)).not.toMatch(CJK);
    expect(rig.deliveries.some((delivery) => delivery.address.chatId === String(zh.id) && delivery.final)).toBe(true);
  });

  it('answers /explain@ThisBot in a group and ignores a command for another bot', async () => {
    const group = groupChat(-1_000_900);
    const member = person(9003, { languageCode: 'en' });
    rig.fake.pushGroupMessage(group, member, '/explain@AnotherBot attention');
    rig.fake.pushGroupMessage(group, member, `/explain@${rig.fake.bot.username} attention`);
    const [answer] = await rig.messages(group.id, 1);
    expect(shown(answer!)).toMatch(/attention/i);
    rig.fake.pushGroupMessage(group, member, `/help@${rig.fake.bot.username}`);
    await rig.messages(group.id, 2);
    expect(rig.deliveries.filter((delivery) => delivery.final && delivery.address.chatId === String(group.id))).toHaveLength(2);
  });

  it('streams /generate from a worker as paced drafts, then one message', async () => {
    const student = person(9004, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/generate Attention is');
    const final = await rig.fake.waitFor(() => rig.deliveries.find((delivery) => delivery.final && delivery.address.chatId === String(student.id)), 15_000);
    const [message] = await rig.messages(student.id, 1, { ready: (sent) => shown(sent[0]!).includes('How it chose') });
    expect(final.reply.command).toBe('generate');
    expect(shown(message!)).toContain('repetition penalty 1.2');
    expect(rig.fake.state.drafts.versions(student.id).length).toBeGreaterThanOrEqual(2);
    expect(message!.versions).toHaveLength(1);
    expect(rig.fake.botMessages(student.id)).toHaveLength(1);
  });

  it('answers /compare from a worker in one message within Telegram\'s limit, both stages shown', async () => {
    const student = person(9007, { languageCode: 'zh-hans' });
    rig.fake.pushPrivateMessage(student, '/compare GPT 里的 T 代表什么？');
    const final = await rig.fake.waitFor(() => rig.deliveries.find((delivery) => delivery.final && delivery.address.chatId === String(student.id)), 15_000);
    expect(final.reply.answers?.map((answer) => answer.stage)).toEqual(['pretrained', 'fine-tuned']);
    const [message] = await rig.messages(student.id, 1, { ready: (sent) => shown(sent[0]!).includes('微调改变了什么') });
    expect(shown(message!)).toContain('1 · 预训练');
    expect(shown(message!)).toContain('2 · 微调后');
    expect(shown(message!).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(rig.fake.botMessages(student.id)).toHaveLength(1);
  });

  it('resolves a button registered by a worker, and keeps /lang in Redis', async () => {
    const student = person(9005, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/lang');
    const [menu] = await rig.messages(student.id, 1, { ready: (sent) => sent[0]!.message.reply_markup !== undefined });
    const chinese = menu!.message.reply_markup!.inline_keyboard.flat().find((button) => button.text === '简体中文')!;
    rig.fake.pushCallbackQuery(student, menu!.message, chinese.callback_data!);
    const [, changed] = await rig.messages(student.id, 2);
    expect(shown(changed!)).toMatch(CJK);
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [, , lesson] = await rig.messages(student.id, 3);
    expect(shown(lesson!)).toMatch(CJK);
  });

  it('has the outbox retry a final that failed with a server error, sending it once', async () => {
    const student = person(9006, { languageCode: 'en' });
    rig.fake.failNext('sendMessage', { code: 502 });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [reply] = await rig.messages(student.id, 1);
    expect(shown(reply!)).toMatch(/attention/i);
    const sends = rig.fake.callsTo('sendMessage').filter((call) => call.params['chat_id'] === String(student.id));
    expect(sends.map((call) => call.status)).toEqual([502, 200]);
    expect(rig.fake.botMessages(student.id)).toHaveLength(1);
  });

  it('never sent a request Telegram would refuse', () => {
    expect(rig.fake.calls.filter((call) => call.status >= 400 && call.status < 500)).toEqual([]);
  });
});
