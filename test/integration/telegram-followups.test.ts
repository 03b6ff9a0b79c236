/**
 * Follow-up questions on Telegram, through the real telegraf client against the fake Bot API: a reply to a tutor
 * lesson asks about that lesson; each asker's turns are their own (kept under their key prefix, /forget deletes
 * them); with a chat model the prompt carries the lesson and the asker's last ≤ 4 turns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import type { ChatGenerator, ChatMessage, ModelKit, ModelKitLoader } from '../../src/core/model-port.js';
import { groupChat, person, privateChatOf } from '../support/fake-telegram/server.js';
import { slowModelKit } from '../support/slow-model-kit.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const VAGUE = 'why divide by sqrt(d)?';

describe('Telegram follow-ups: answered from the lesson replied to (offline runtime, no chat model)', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());

  it('a vague reply to the attention lesson is answered from it; the same words asked afresh go to another lesson', async () => {
    const student = person(5101, { languageCode: 'en' });
    const chat = privateChatOf(student).id;
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [lesson] = await rig.messages(chat, 1);
    expect(shown(lesson!)).toMatch(/^Attention/);

    rig.fake.pushPrivateMessage(student, VAGUE);
    const [, fresh] = await rig.messages(chat, 2);
    expect(shown(fresh!)).not.toMatch(/^Attention/);

    rig.fake.pushPrivateMessage(student, VAGUE, { replyTo: lesson!.message.message_id });
    const [, , followUp] = await rig.messages(chat, 3);
    expect(shown(followUp!)).toMatch(/^Attention: from the lesson/);
    expect(shown(followUp!)).toContain('square root');

    // The answer to a follow-up can be followed up again.
    rig.fake.pushPrivateMessage(student, 'what are the weights?', { replyTo: followUp!.message.message_id });
    const [, , , again] = await rig.messages(chat, 4);
    expect(shown(again!)).toMatch(/^Attention: from the lesson/);
    expect(shown(again!)).toMatch(/weights/i);
  });

  it('/forget deletes the follow-up turns and says so', async () => {
    const student = person(5102, { languageCode: 'en' });
    const chat = privateChatOf(student).id;
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [lesson] = await rig.messages(chat, 1);
    rig.fake.pushPrivateMessage(student, VAGUE, { replyTo: lesson!.message.message_id });
    await rig.messages(chat, 2);
    rig.fake.pushPrivateMessage(student, '/forget');
    const [, , forgot] = await rig.messages(chat, 3);
    expect(shown(forgot!)).toContain(t('en', 'forget.item.followups'));
    rig.fake.pushPrivateMessage(student, '/forget');
    const [, , , nothing] = await rig.messages(chat, 4);
    expect(shown(nothing!)).toBe(t('en', 'forget.nothing'));
  });

  it('a question naming another lesson outright opens that lesson', async () => {
    const student = person(5103, { languageCode: 'en' });
    const chat = privateChatOf(student).id;
    rig.fake.pushPrivateMessage(student, '/explain tokens');
    const [lesson] = await rig.messages(chat, 1);
    rig.fake.pushPrivateMessage(student, 'and what is attention?', { replyTo: lesson!.message.message_id });
    const [, answer] = await rig.messages(chat, 2);
    expect(shown(answer!)).toMatch(/^Attention/);
    expect(shown(answer!)).not.toMatch(/from the lesson/);
  });
});

describe('Telegram follow-ups with a chat model: the prompt holds the lesson and the asker\'s own last turns', () => {
  let rig: TelegramRig;
  const prompts: ChatMessage[][] = [];
  // One token per word: the bound is checked in the tokenizer's units of this scripted model.
  const chat: ChatGenerator = {
    modelName: 'scripted-chat',
    external: false,
    countTokens: (text) => text.split(/\s+/).filter(Boolean).length,
    generate(messages) {
      prompts.push(messages);
      return Promise.resolve({ text: `Answer ${prompts.length}.`, newTokens: 2, promptTrimmed: false, steps: [], stoppedBy: 'end_token' });
    },
  };
  beforeAll(async () => {
    const base = slowModelKit();
    const model: ModelKitLoader = async (): Promise<ModelKit> => ({ ...(await base()), chat });
    model.chat = true;
    rig = await startTelegramRig({ model });
  });
  afterAll(() => rig.close());

  it('two students replying to one lesson in a group keep their turns apart; each goes on with their own', async () => {
    const group = groupChat(-1_005_100);
    const teacher = person(5201, { languageCode: 'en' });
    const alice = person(5202, { languageCode: 'en' });
    const bob = person(5203, { languageCode: 'en' });
    rig.fake.pushGroupMessage(group, teacher, '/explain attention');
    const [lesson] = await rig.messages(group.id, 1);
    const lessonId = lesson!.message.message_id;

    rig.fake.pushGroupMessage(group, alice, VAGUE, { replyTo: lessonId });
    const [, aliceAnswer] = await rig.messages(group.id, 2, { ready: (sent) => sent.length >= 2 && shown(sent[1]!).includes('Answer 1') });
    rig.fake.pushGroupMessage(group, bob, 'what are the weights?', { replyTo: lessonId });
    await rig.messages(group.id, 3, { ready: (sent) => sent.length >= 3 && shown(sent[2]!).includes('Answer 2') });

    const [first, second] = prompts;
    expect(first![0]!.role).toBe('system');
    expect(first![0]!.content).toContain('Lesson: Attention');
    expect(first!.map((message) => message.role)).toEqual(['system', 'user']);
    // Bob starts from the teacher's lesson, with none of Alice's turns.
    expect(second!.map((message) => message.role)).toEqual(['system', 'user']);
    expect(second!.some((message) => message.content.includes(VAGUE))).toBe(false);

    // Alice goes on from her own answer: her chain, not Bob's.
    rig.fake.pushGroupMessage(group, alice, 'and with a bigger d?', { replyTo: aliceAnswer!.message.message_id });
    await rig.messages(group.id, 4, { ready: (sent) => sent.length >= 4 && shown(sent[3]!).includes('Answer 3') });
    const aliceSecond = prompts[2]!;
    expect(aliceSecond.map((message) => message.content)).toEqual([aliceSecond[0]!.content, VAGUE, 'Answer 1.', 'and with a bigger d?']);
    expect(aliceSecond.slice(1).some((message) => message.content.includes('weights'))).toBe(false);
  });

  it('a long chain carries the lesson and only the last 4 turns', async () => {
    const student = person(5204, { languageCode: 'en' });
    const chatId = privateChatOf(student).id;
    rig.fake.pushPrivateMessage(student, '/explain attention');
    let [replyTo] = await rig.messages(chatId, 1);
    const before = prompts.length;
    for (let i = 1; i <= 6; i++) {
      rig.fake.pushPrivateMessage(student, `and then ${i}?`, { replyTo: replyTo!.message.message_id });
      const sent = await rig.messages(chatId, 1 + i, { ready: (messages) => messages.length > i && shown(messages[i]!).includes(`Answer ${before + i}`) });
      replyTo = sent[i];
    }
    const last = prompts.at(-1)!;
    expect(last[0]!.content).toContain('Lesson: Attention');
    expect(last.slice(1).map((message) => message.content)).toEqual([
      'and then 2?', `Answer ${before + 2}.`, 'and then 3?', `Answer ${before + 3}.`, 'and then 4?', `Answer ${before + 4}.`, 'and then 5?', `Answer ${before + 5}.`, 'and then 6?',
    ]);
  });
});
