/**
 * How the Telegram adapter shows replies: streamed /generate drafts (private) or edits (groups) paced per chat kind, the final text always
 * delivered, long replies split at 4,096 visible characters, /attention as a photo with a caption.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_OUTBOX } from '../../src/adapters/telegram/index.js';
import type { Delivery } from '../../src/core/delivery.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { Reply } from '../../src/core/reply.js';
import { groupChat, person, type ApiCall } from '../support/fake-telegram/server.js';
import { TINY_PNG } from '../support/slow-model-kit.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

// Wider than the worker's 500 ms update interval, so the throttle (not the worker) decides the pace.
const PACING = { privateEditIntervalMs: 700, groupEditIntervalMs: 1_500 };

/** sendMessage/editMessageText calls that touched one message, and the drafts streamed before it, in order. */
function callsFor(rig: TelegramRig, chatId: number, messageId: number): ApiCall[] {
  return rig.fake.calls.filter(
    (call) =>
      call.params['chat_id'] === String(chatId) &&
      (call.method === 'sendMessageDraft' ||
        (call.method === 'sendMessage' && (call.result as { message_id?: number } | undefined)?.message_id === messageId) ||
        (call.method === 'editMessageText' && Number(call.params['message_id']) === messageId)),
  );
}

function gaps(calls: ApiCall[]): number[] {
  return calls.slice(1).map((call, index) => call.at - calls[index]!.at);
}

function synthetic(chatId: number, reply: Partial<Reply>): Delivery {
  const correlationId = `synthetic${Math.random().toString(36).slice(2, 12)}`;
  return {
    id: `final-${correlationId}`,
    final: true,
    address: { platform: 'telegram', chatId: String(chatId), userId: String(Math.abs(chatId)), correlationId, outbox: TELEGRAM_OUTBOX },
    reply: { command: 'explain', locale: 'en', text: '', buttons: [], ...reply },
  };
}

describe('Telegram adapter: replies', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig({ pacing: PACING });
  });
  afterAll(() => rig.close());

  it.each([
    ['a private chat', 'private', PACING.privateEditIntervalMs],
    ['a group', 'group', PACING.groupEditIntervalMs],
  ] as const)('streams /generate in %s (drafts in private, edits of one message in a group) no faster than the interval, ending with the final text', async (_name, kind, intervalMs) => {
    const student = person(kind === 'private' ? 3001 : 3002, { languageCode: 'en' });
    const chat = kind === 'private' ? { id: student.id } : groupChat(-1_000_300);
    const text = `/generate${kind === 'group' ? `@${rig.fake.bot.username}` : ''} Attention is`;
    if (kind === 'private') rig.fake.pushPrivateMessage(student, text);
    else rig.fake.pushGroupMessage(groupChat(chat.id), student, text);

    const final = await rig.fake.waitFor(() => rig.deliveries.find((delivery) => delivery.final && delivery.address.chatId === String(chat.id)), 15_000);
    const [message] = await rig.messages(chat.id, 1, { ready: (sent) => shown(sent[0]!) === toPlainText(final.reply.text).trim() });
    const touched = callsFor(rig, chat.id, message!.message.message_id);
    const updates = rig.deliveries.filter((delivery) => !delivery.final && delivery.address.correlationId === final.address.correlationId);

    expect(updates.length).toBeGreaterThanOrEqual(3);
    // Coalesced: fewer edits than updates, each at least the interval after the one before.
    expect(touched.length).toBeLessThan(updates.length + 1);
    expect(touched.length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps(touched)) expect(gap).toBeGreaterThanOrEqual(intervalMs - 5);
    expect(touched.every((call) => call.status === 200)).toBe(true);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(1);
    expect(touched.filter((call) => call.method === (kind === 'private' ? 'editMessageText' : 'sendMessageDraft'))).toEqual([]);
    expect(shown(message!)).toContain('How it chose');
  }, 20_000);

  it('splits a long reply at 4,096 visible characters (entities count as one), buttons under the last part only', async () => {
    const reader = person(3003);
    rig.fake.state.knowUser(reader);
    const paragraph = (i: number) => `**Part ${i}** ${'<&> '.repeat(150)}\`a<b\``;
    const text = [...Array.from({ length: 20 }, (_, i) => paragraph(i)), '```\nconst x = a < b && c > d;\n```'].join('\n\n');
    await rig.adapter.deliver(synthetic(reader.id, { text, buttons: [{ id: 'bAbCdEfGhIjK', label: 'Next' }] }));

    const parts = rig.fake.botMessages(reader.id);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect([...shown(part)].length).toBeLessThanOrEqual(4096);
    expect(parts.map(shown).join('\n\n')).toBe(toPlainText(text));
    expect(parts.slice(0, -1).every((part) => part.message.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)!.message.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Next', callback_data: 'bAbCdEfGhIjK' }]] });
    expect(parts.at(-1)!.message.entities?.some((entity) => entity.type === 'pre')).toBe(true);
  });

  it('sends /attention as a photo with an HTML caption', async () => {
    const student = person(3004, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/attention I like learning GPT');
    const [photo] = await rig.messages(student.id, 1);
    const [call] = rig.fake.callsTo('sendPhoto').filter((candidate) => candidate.params['chat_id'] === String(student.id));
    expect(call!.files['photo']).toMatchObject({ png: true, size: TINY_PNG.length });
    expect(photo!.message.caption).toMatch(/Attention/);
    expect(photo!.message.caption_entities?.some((entity) => entity.type === 'bold')).toBe(true);
  });

  it('puts a text too long for a caption in messages after the photo, whose caption is the image description', async () => {
    const reader = person(3005);
    rig.fake.state.knowUser(reader);
    const text = `**Heatmap** ${'words & <more> '.repeat(120)}`;
    const image = { mime: 'image/png' as const, base64: TINY_PNG.toString('base64'), alt: 'Attention of "I <3 GPT"' };
    await rig.adapter.deliver(synthetic(reader.id, { command: 'attention', text, image }));
    const sent = rig.fake.botMessages(reader.id);
    expect(sent.map((stored) => (stored.message.photo ? 'photo' : 'text'))).toEqual(['photo', 'text']);
    expect(sent[0]!.message.caption).toBe('Attention of "I <3 GPT"');
    expect(shown(sent[1]!).trim()).toBe(toPlainText(text).trim());
  });

  it('never sent a request Telegram would refuse', () => {
    expect(rig.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
  });
});
