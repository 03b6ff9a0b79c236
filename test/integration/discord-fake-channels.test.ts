/**
 * The fake Discord's channel side, driven with discord.js's REST client: messages with the bot token, edits,
 * nonce de-duplication, DM channels, and the refusals a class quiz must survive (no permission in the channel,
 * closed DMs, a bad body, no token).
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.js';

const CHANNEL = '300000000000000001';
const USER = '100000000000000001';
const body = (content: string, extra: Record<string, unknown> = {}) => ({ content, allowed_mentions: { parse: [] }, ...extra });

let fake: FakeDiscord;
let rest: REST;
beforeEach(async () => {
  fake = await new FakeDiscord().start();
  rest = new REST({ api: fake.api, retries: 0 }).setToken(fake.token);
});
afterEach(async () => fake.close());

async function refusal(call: Promise<unknown>): Promise<{ status: number; code: unknown }> {
  const error = await call.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DiscordAPIError);
  return { status: (error as DiscordAPIError).status, code: (error as DiscordAPIError).code };
}

describe('fake Discord channels', () => {
  it('creates and edits channel messages, with the components and files sent', async () => {
    const created = (await rest.post(Routes.channelMessages(CHANNEL), { body: body('Q1', { components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'a', label: 'A' }] }] }) })) as { id: string };
    await rest.patch(Routes.channelMessage(CHANNEL, created.id), { body: { content: 'Q1 closed', components: [] }, files: [{ name: 'r.csv', data: Buffer.from('a,b\n'), contentType: 'text/csv' }] });
    const [stored] = fake.channels.messagesIn(CHANNEL);
    expect(stored).toMatchObject({ id: created.id, content: 'Q1 closed', components: [] });
    expect(stored!.attachments.map((file) => file.filename)).toEqual(['r.csv']);
    expect(fake.messages.map((message) => [message.route, message.channelId, message.messageId])).toEqual([
      ['channel.post', CHANNEL, created.id],
      ['channel.patch', CHANNEL, created.id],
    ]);
  });

  it('returns the message already made for a repeated nonce with enforce_nonce, and not without it', async () => {
    const first = (await rest.post(Routes.channelMessages(CHANNEL), { body: body('once', { nonce: 'n-1', enforce_nonce: true }) })) as { id: string };
    const again = (await rest.post(Routes.channelMessages(CHANNEL), { body: body('once', { nonce: 'n-1', enforce_nonce: true }) })) as { id: string };
    await rest.post(Routes.channelMessages(CHANNEL), { body: body('twice', { nonce: 'n-2' }) });
    await rest.post(Routes.channelMessages(CHANNEL), { body: body('twice', { nonce: 'n-2' }) });
    expect(again.id).toBe(first.id);
    expect(fake.channels.messagesIn(CHANNEL).map((message) => message.content)).toEqual(['once', 'twice', 'twice']);
    expect(await refusal(rest.post(Routes.channelMessages(CHANNEL), { body: body('x', { nonce: 'n'.repeat(26) }) }))).toEqual({ status: 400, code: 50035 });
  });

  it('refuses what Discord refuses: no permission, closed DMs, unknown messages, bad bodies, no token', async () => {
    fake.channels.deniedChannels.add('300000000000000002');
    expect(await refusal(rest.post(Routes.channelMessages('300000000000000002'), { body: body('hi') }))).toEqual({ status: 403, code: 50013 });
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: USER } })) as { id: string; type: number };
    expect(dm.type).toBe(1);
    expect(((await rest.post(Routes.userChannels(), { body: { recipient_id: USER } })) as { id: string }).id).toBe(dm.id);
    await rest.post(Routes.channelMessages(dm.id), { body: body('results') });
    fake.channels.closedDms.add(USER);
    expect(await refusal(rest.post(Routes.channelMessages(dm.id), { body: body('results') }))).toEqual({ status: 403, code: 50007 });
    expect(await refusal(rest.post(Routes.userChannels(), { body: { recipient_id: 'me' } }))).toEqual({ status: 400, code: 50035 });
    expect(await refusal(rest.patch(Routes.channelMessage(CHANNEL, '123456789012345678'), { body: body('edit') }))).toEqual({ status: 404, code: 10008 });
    expect(await refusal(rest.post(Routes.channelMessages(CHANNEL), { body: body('x'.repeat(2_001)) }))).toEqual({ status: 400, code: 50035 });
    expect(await refusal(rest.post(Routes.channelMessages(CHANNEL), { body: { content: '' } }))).toEqual({ status: 400, code: 50006 });
    const anonymous = new REST({ api: fake.api, retries: 0 });
    expect(await refusal(anonymous.post(Routes.channelMessages(CHANNEL), { body: body('hi'), auth: false }))).toEqual({ status: 401, code: 0 });
  });

  it('serves hosted attachments without auth and records each download', async () => {
    const file = fake.hostFile('q.csv', Buffer.from('a,b\n'), { size: 4 });
    const response = await fetch(String(file['url']));
    expect(await response.text()).toBe('a,b\n');
    expect(fake.downloads).toEqual([file['id']]);
    expect((await fetch(`${new URL(fake.api).origin}/attachments/1/none.csv`)).status).toBe(404);
  });
});
