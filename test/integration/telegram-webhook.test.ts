/** Webhook mode: Telegram is told the URL and the secret; every request without the right secret is refused. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../tools/redis-process.js';
import { person } from '../support/fake-telegram/server.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const SECRET = 'test_webhook_secret_0123456789';

describe('Telegram adapter: webhook mode', () => {
  let rig: TelegramRig;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    rig = await startTelegramRig({ webhook: { url: 'https://tutor.example.com/telegram/hook', secret: SECRET, port, host: '127.0.0.1' } });
  });
  afterAll(() => rig.close());

  const post = (headers: Record<string, string>, update: object) =>
    fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });

  it('registers the webhook with its secret instead of polling', () => {
    expect(rig.fake.state.webhook).toEqual({ url: 'https://tutor.example.com/telegram/hook', secret: SECRET });
    expect(rig.fake.callsTo('getUpdates')).toHaveLength(0);
  });

  it('answers updates Telegram posts with the secret', async () => {
    const student = person(5001, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [reply] = await rig.messages(student.id, 1);
    expect(shown(reply!)).toMatch(/attention/i);
    expect(rig.fake.webhookDeliveries.at(-1)!.status).toBe(200);
  });

  it('refuses requests without the secret or with a wrong one, and acts on none of them', async () => {
    const dispatch = vi.spyOn(rig.runtime.tutor, 'dispatch');
    const forged = { update_id: 999, message: { message_id: 1, date: 0, chat: { id: 5002, type: 'private' }, from: { id: 5002, is_bot: false, first_name: 'Mallory' }, text: '/explain attention', entities: [{ type: 'bot_command', offset: 0, length: 8 }] } };
    expect((await post({}, forged)).status).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' }, forged)).status).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': `${SECRET}x` }, forged)).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/telegram/hook`)).status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
    // The same update with the secret is taken: the refusals were about the secret, not the update.
    expect((await post({ 'x-telegram-bot-api-secret-token': SECRET }, forged)).status).toBe(200);
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});
