/**
 * The Discord adapter on the production path: BullMQ on the test Redis with workers (in this process, on their
 * own connections), replies through the Discord outbox, state (buttons, languages) in Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BullOutboxSender } from '../../src/queue/outbox.js';
import { producerConnection } from '../../src/queue/redis-connection.js';
import type { Delivery } from '../../src/core/delivery.js';
import { startDiscordRig, TEST_EDIT_INTERVAL_MS, type DiscordRig } from '../support/discord-rig.js';
import { buttonPress, CallbackType, DISCORD_MAX_CONTENT_LENGTH, MANAGER_PERMISSIONS, slashCommand, unsafeMentions } from '../support/fake-discord/index.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { TUNED_ANSWER } from '../support/slow-model-kit.js';

describe.skipIf(!redisUrl)('Discord adapter through BullMQ', () => {
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('defers before the job is queued, streams /generate, answers a lesson button, /compare and /attention, all within limits', async () => {
    rig = await startDiscordRig({ redisUrl: requireRedisUrl() });
    const lesson = await rig.answer(slashCommand({ name: 'explain', options: { topic: 'softmax' }, locale: 'zh-CN', guild: {} }));
    const first = rig.fake.callsOf(lesson.interaction.id)[0]!;
    expect(first).toMatchObject({ route: 'callback', body: { type: CallbackType.DeferReply } });
    expect(first.at).toBeLessThan(rig.submissions[0]!);
    expect(lesson.interaction.original?.content).toContain('Softmax');
    expect(lesson.finished.reply.locale).toBe('zh');

    // The button id was written to Redis by the worker and is resolved by the adapter's edge.
    const rows = lesson.interaction.original!.components as { components: { custom_id: string }[] }[];
    const press = await rig.answer(buttonPress({ customId: rows[0]!.components[0]!.custom_id, guild: {} }));
    expect(press.finished.reply.error).toBeUndefined();
    expect(press.interaction.followUps.length).toBeGreaterThan(0);

    const generated = await rig.answer(slashCommand({ name: 'generate', options: { prompt: 'Attention is', max_new_tokens: 40 } }));
    const edits = rig.fake.callsOf(generated.interaction.id).filter((call) => call.route === 'original.patch');
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(generated.interaction.original?.content).toContain('attention lets every token');
    expect(generated.interaction.original?.content).toContain('repetition penalty 1.2');

    const compared = await rig.answer(slashCommand({ name: 'compare', options: { question: 'What does the T in GPT stand for?' } }));
    expect(compared.finished.reply.answers?.map((answer) => answer.model)).toEqual(['scripted-slow', 'scripted-slow-chat']);
    expect(compared.interaction.original?.content).toContain('**2 · Fine-tuned** (scripted-slow-chat)');
    expect(compared.interaction.original?.content).toContain(TUNED_ANSWER);
    expect(compared.interaction.original?.content).toContain('**What fine-tuning changed:**');

    const heatmap = await rig.answer(slashCommand({ name: 'attention', options: { text: 'the cat sat' } }));
    expect(heatmap.interaction.original?.attachments[0]?.description).toBeTruthy();

    for (const message of rig.fake.messages) {
      expect(message.status).toBeLessThan(300);
      expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
    }
    expect(unsafeMentions(rig.fake.messages)).toEqual([]);
    expect(rig.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('keeps a server\'s language in Redis for every channel of that server', async () => {
    rig = await startDiscordRig({ redisUrl: requireRedisUrl() });
    const guild = { id: '700000000000000042' };
    await rig.answer(slashCommand({ name: 'lang', options: { language: 'zh', scope: 'group' }, guild: { ...guild, permissions: MANAGER_PERMISSIONS } }));
    const elsewhere = await rig.answer(slashCommand({ name: 'explain', options: { topic: 'tokens' }, locale: 'de', channelId: '300000000000000777', guild }));
    expect(elsewhere.finished.reply.locale).toBe('zh');
  });

  it('posts a worker-started quiz question from the outbox into the channel: buttons on every edit, gone after the final', async () => {
    rig = await startDiscordRig({ redisUrl: requireRedisUrl() });
    const channelId = '300000000000000555';
    await rig.answer(slashCommand({ name: 'explain', options: { topic: 'softmax' }, guild: {}, channelId }));
    const route = rig.deliveries.at(-1)!.address.route!;
    const connection = producerConnection(requireRedisUrl());
    const outbox = new BullOutboxSender(connection, rig.prefix);
    try {
      const key = 'qzbullmq0001q1';
      const address = { platform: 'discord' as const, chatId: channelId, userId: '100000000000000001', correlationId: key, outbox: 'outbox-discord', route };
      const buttons = [{ id: 'qb0xyz', label: 'A' }, { id: 'qb1xyz', label: 'B' }];
      const reply = (text: string, withButtons: boolean) => ({ command: 'quiz', locale: 'en' as const, text, buttons: withButtons ? buttons : [] });
      const deliveries: Delivery[] = [0, 1, 2].map((n) => ({ id: `${key}-u${n}`, address, reply: reply(`Q1\n\n${n} answered`, true), final: false }));
      for (const delivery of deliveries) await outbox.send(delivery);
      await new Promise((resolve) => setTimeout(resolve, TEST_EDIT_INTERVAL_MS * 2));
      // The closing edit meets a 429 first: discord.js waits it out, and the message is closed once.
      rig.fake.rateLimitNext('channel.patch', { retryAfterMs: 300 });
      await outbox.send({ id: `final-${key}`, address, reply: reply('Q1 closed', false), final: true });
      await rig.fake.waitUntil(() => rig!.finished.has(key), 10_000);
      const sent = rig.fake.messages.filter((message) => message.channelId === channelId && message.status === 200);
      expect(sent[0]!.route).toBe('channel.post');
      for (const update of sent.slice(0, -1)) expect(update.components).toHaveLength(1);
      expect(sent.at(-1)!.components).toEqual([]);
      const stored = rig.fake.channels.messagesIn(channelId);
      expect(stored.map((message) => [message.content, message.components.length])).toEqual([['Q1 closed', 0]]);
      expect(rig.fake.calls.filter((call) => call.route === 'channel.patch' && call.status === 429)).toHaveLength(1);
    } finally {
      await outbox.close();
      await connection.quit();
    }
  });
});
