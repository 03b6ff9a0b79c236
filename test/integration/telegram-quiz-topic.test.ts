/**
 * A class quiz in a forum topic, through the REAL telegraf client against the fake Bot API: started in General of a
 * forum supergroup, it opens a topic (createForumTopic) for the questions and reveals, the podium in General;
 * started inside a topic, it stays there; without can_manage_topics it runs in General; a group without topics is
 * unchanged. Time runs SCALE times faster (class-quiz-scaled.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { groupChat, person, type StoredMessage, type TgChat } from '../support/fake-telegram/server.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';
import { LIMITS, PACING, TIMING, WAIT_MS } from '../support/class-quiz-scaled.js';

const teacher = person(7001, { firstName: 'Teacher' });

function forum(id: number): TgChat {
  return { ...groupChat(id, 'Class'), is_forum: true };
}

async function untilPodium(rig: TelegramRig, chat: TgChat): Promise<StoredMessage[]> {
  return rig.messages(chat.id, 1, { timeoutMs: WAIT_MS, ready: (messages) => messages.some((stored) => shown(stored).startsWith('🏁')) });
}

const where = (messages: StoredMessage[], pattern: RegExp) => messages.filter((stored) => pattern.test(shown(stored))).map((stored) => stored.message.message_thread_id);

describe('a Telegram class quiz in a forum topic', () => {
  let rig: TelegramRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const start = async () => (rig = await startTelegramRig({ classQuizTiming: TIMING, pacing: PACING, limits: LIMITS }));

  it('opens a topic from General: questions and reveals there, the lobby and podium in General', { timeout: 30_000 }, async () => {
    const { fake } = await start();
    const chat = forum(-1001000000501);
    fake.pushGroupMessage(chat, teacher, '/quiz start attention 1 5');
    const messages = await untilPodium(rig!, chat);
    const created = fake.calls.filter((call) => call.method.toLowerCase() === 'createforumtopic');
    expect(created).toHaveLength(1);
    const [topic] = fake.state.topics.byChat.get(chat.id)!;
    expect(topic!.name).toBe('Class quiz');
    expect(where(messages, /^📣/)).toEqual([undefined]);
    expect(where(messages, /^Question 1 of 1/)).toEqual([topic!.id]);
    expect(where(messages, /^✅ Question 1/)).toEqual([topic!.id]);
    expect(where(messages, /^🏁/)).toEqual([undefined]);
  });

  it('stays in the topic the command was sent in', { timeout: 30_000 }, async () => {
    const { fake } = await start();
    const chat = forum(-1001000000502);
    fake.state.chats.set(chat.id, chat);
    const topic = fake.state.topics.add(chat, 'Week 3');
    fake.pushGroupMessage(chat, teacher, '/quiz start attention 1 5', { topic });
    const messages = await untilPodium(rig!, chat);
    expect(fake.calls.filter((call) => call.method.toLowerCase() === 'createforumtopic')).toEqual([]);
    for (const pattern of [/^📣/, /^Question 1 of 1/, /^✅ Question 1/, /^🏁/]) expect(where(messages, pattern)).toEqual([topic]);
  });

  it('runs in General when the bot may not create topics, logged once', { timeout: 30_000 }, async () => {
    const { fake } = await start();
    const chat = forum(-1001000000503);
    fake.state.topics.withoutTopicRights.add(chat.id);
    fake.pushGroupMessage(chat, teacher, '/quiz start attention 1 5');
    const messages = await untilPodium(rig!, chat);
    const refused = fake.calls.filter((call) => call.method.toLowerCase() === 'createforumtopic');
    expect(refused.map((call) => call.status)).toEqual([400]);
    expect(where(messages, /^Question 1 of 1/)).toEqual([undefined]);
    expect(rig!.logger.entries.filter((entry) => entry.message?.includes('quiz topic was refused'))).toHaveLength(1);
  });

  it('leaves a group without topics as it was', { timeout: 30_000 }, async () => {
    const { fake } = await start();
    const chat = groupChat(-1001000000504, 'Plain');
    fake.pushGroupMessage(chat, teacher, '/quiz start attention 1 5');
    const messages = await untilPodium(rig!, chat);
    expect(fake.calls.filter((call) => call.method.toLowerCase() === 'createforumtopic')).toEqual([]);
    expect(messages.every((stored) => stored.message.message_thread_id === undefined)).toBe(true);
    expect(where(messages, /^Question 1 of 1/)).toHaveLength(1);
  });
});
