/**
 * A reply Telegram refuses as a bad request (400, e.g. "can't parse entities") is not dropped: its final is sent again
 * as plain text. Real telegraf client against the fake Bot API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from '../support/fake-telegram/server.js';
import { startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

describe('a Telegram 400 on a reply', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());

  it('sends the answer again as plain text', async () => {
    const student = person(9601, { firstName: 'Lin', languageCode: 'en' });
    rig.fake.state.knowUser(student);
    rig.fake.failNext('sendMessage', { code: 400, description: "Bad Request: can't parse entities: unexpected end tag" });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [answer] = await rig.messages(student.id, 1);
    expect(answer!.message.text).toMatch(/Attention/);
    const sends = rig.fake.callsTo('sendMessage').filter((call) => call.params['chat_id'] === String(student.id));
    expect(sends.map((call) => call.status)).toEqual([400, 200]);
  });
});
