/**
 * What a class quiz needs of the Telegram adapter, through the real telegraf client against the fake Bot API:
 * worker-started question streams whose buttons stay on every edit and go with the final; answers acknowledged as a
 * toast (no group message); results files as documents; results sent privately, or a t.me start link when the
 * teacher never started the bot; `/quiz import` documents (downloaded and encoded, an over-limit file never
 * downloaded); admin rights for the teacher's commands; best-effort edits that leave room for the quiz's messages.
 * The class-quiz engine is simulated: its deliveries go straight to `adapter.deliver`, its edge answers are stubbed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TELEGRAM_OUTBOX } from '../../src/adapters/telegram/index.js';
import { decodeAttachment, encodeAttachment, MAX_ATTACHMENT_BYTES } from '../../src/core/attachments.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import type { Dispatch, TypedInvocation } from '../../src/core/tutor.js';
import { groupChat, person, type ApiCall, type TgMessage } from '../support/fake-telegram/server.js';
import { startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const PACING = { privateEditIntervalMs: 300, groupEditIntervalMs: 700 };
const CSV = 'student,question,answer,correct,ms,points\nAda,1,B,true,2100,930\n';
const OPTIONS = ['A. Scale', 'B. Softmax', 'C. Mask', 'D. Sum'];

function reply(fields: Partial<Reply>): Reply {
  return { command: 'quiz', locale: 'en', text: '', buttons: [], ...fields };
}

function delivery(chatId: number, correlationId: string, final: boolean, fields: Partial<Reply>, extra: { userId?: number; route?: Record<string, string> } = {}): Delivery {
  return {
    id: final ? `final-${correlationId}` : `update-${correlationId}-${Math.random().toString(36).slice(2, 8)}`,
    final,
    address: { platform: 'telegram', chatId: String(chatId), userId: String(extra.userId ?? 42), correlationId, outbox: TELEGRAM_OUTBOX, route: extra.route },
    reply: reply(fields),
  };
}

function questionButtons(q: number) {
  return OPTIONS.map((label, o) => ({ id: `bq${q}o${o}xxxxxxx`.slice(0, 12), label }));
}

/** sendMessage / editMessageText calls that touched one message, in order. */
function callsFor(rig: TelegramRig, chatId: number, messageId: number): ApiCall[] {
  return rig.fake.calls.filter(
    (call) =>
      call.params['chat_id'] === String(chatId) &&
      ((call.method === 'sendMessage' && (call.result as TgMessage | undefined)?.message_id === messageId) ||
        (call.method === 'editMessageText' && Number(call.params['message_id']) === messageId)),
  );
}

function markupOf(call: ApiCall): unknown {
  const raw = call.params['reply_markup'];
  return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Telegram adapter: class quizzes', () => {
  let rig: TelegramRig;
  let nextGroup = -1_000_900;
  /** A fresh class group the bot is in, with one message of chatter (ignored by the bot) to quote. */
  const newGroup = () => {
    const chat = groupChat(nextGroup--);
    const chatter = rig.fake.pushGroupMessage(chat, person(7001), 'good morning class');
    return { chat, chatter };
  };

  beforeAll(async () => {
    rig = await startTelegramRig({ pacing: PACING });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rig.close());

  it('posts a worker-started question with its buttons, keeps them on every counter edit, and the final removes them', async () => {
    const { chat, chatter } = newGroup();
    // The route of the `/quiz start` command (it quotes that command) travels with every message of the quiz.
    const route = { reply: String(chatter.message_id), quote: 'startCommand0001' };
    const correlationId = 'qzTESTquiz0001q1';
    const buttons = questionButtons(1);
    const updates: Promise<void>[] = [];
    for (let answered = 0; answered <= 8; answered++) {
      updates.push(rig.adapter.deliver(delivery(chat.id, correlationId, false, { text: `**Question 1 of 5**\nWhat turns scores into weights?\n\n${answered} answered`, buttons }, { route })));
      await sleep(120);
    }
    await rig.adapter.deliver(delivery(chat.id, correlationId, true, { text: '**Question 1 of 5**\nWhat turns scores into weights?\n\nTime is up: 8 answered' }, { route }));
    await Promise.all(updates);

    const [message] = rig.fake.botMessages(chat.id);
    const touched = callsFor(rig, chat.id, message!.message.message_id);
    const expected = { inline_keyboard: buttons.map((button) => [{ text: button.label, callback_data: button.id }]) };
    expect(rig.fake.botMessages(chat.id)).toHaveLength(1);
    expect(touched[0]!.method).toBe('sendMessage');
    // A later message of the quiz does not quote the command that started it.
    expect(touched[0]!.params['reply_parameters']).toBeUndefined();
    expect(touched.length).toBeGreaterThanOrEqual(3);
    for (const call of touched.slice(0, -1)) expect(markupOf(call)).toEqual(expected);
    const last = touched.at(-1)!;
    expect(last.method).toBe('editMessageText');
    expect(last.params['reply_markup']).toBeUndefined();
    expect(message!.message.reply_markup).toBeUndefined();
    expect(message!.message.text).toContain('Time is up: 8 answered');
    // Coalesced and paced: fewer edits than updates, each at least the group interval after the one before.
    expect(touched.length).toBeLessThan(10);
    for (let i = 1; i < touched.length; i++) expect(touched[i]!.at - touched[i - 1]!.at).toBeGreaterThanOrEqual(PACING.groupEditIntervalMs - 5);
    expect(touched.every((call) => call.status === 200)).toBe(true);
  }, 15_000);

  it('removes the buttons even when the final shows the same text as the last update', async () => {
    const { chat } = newGroup();
    const text = '**Question 2 of 5**\nWhich mask hides the future?';
    await rig.adapter.deliver(delivery(chat.id, 'qzTESTquiz0001q2', false, { text, buttons: questionButtons(2) }));
    await rig.adapter.deliver(delivery(chat.id, 'qzTESTquiz0001q2', true, { text }));
    const [message] = await rig.messages(chat.id, 1, { ready: (sent) => sent[0]!.message.reply_markup === undefined });
    expect(message!.message.text).toBe('Question 2 of 5\nWhich mask hides the future?');
    expect(rig.fake.callsTo('editMessageText').filter((call) => call.params['chat_id'] === String(chat.id)).every((call) => call.status === 200)).toBe(true);
  });

  it('quotes the command in the replies to the command itself (same correlation id)', async () => {
    const { chat, chatter } = newGroup();
    await rig.adapter.deliver(delivery(chat.id, 'cmdReplyQuote01', true, { text: 'Quiz starting' }, { route: { reply: String(chatter.message_id), quote: 'cmdReplyQuote01' } }));
    const [message] = rig.fake.botMessages(chat.id);
    expect(message!.message.reply_to_message?.message_id).toBe(chatter.message_id);
  });

  it('acknowledges an answer pressed at the edge with a toast for the presser alone, and posts nothing in the group', async () => {
    const { chat } = newGroup();
    const student = person(7101, { languageCode: 'en' });
    await rig.adapter.deliver(delivery(chat.id, 'qzTESTquiz0002q1', false, { text: 'Question 1', buttons: questionButtons(1) }));
    const [question] = await rig.messages(chat.id, 1);
    const tutor = rig.runtime.tutor;
    const pressed: TypedInvocation = { command: 'quiz', subcommand: 'play', args: { q: 'qzTESTquiz0002', i: 0, o: 1 }, user: { id: String(student.id), displayName: 'Ada' }, chat: { id: String(chat.id), kind: 'group' }, platform: 'telegram' };
    vi.spyOn(tutor, 'readButton').mockResolvedValue(pressed);
    const ack = reply({ text: `**Answer recorded:** B. Softmax — ${'well done '.repeat(40)}`, askerOnly: true });
    const dispatch = vi.spyOn(tutor, 'dispatch').mockResolvedValue({ kind: 'answered', reply: ack });

    const queryId = rig.fake.pushCallbackQuery(student, question!.message, 'bq1o1xxxxxxx');
    const answered = await rig.fake.waitForCall((call) => call.method === 'answerCallbackQuery' && call.params['callback_query_id'] === queryId);

    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch.mock.calls[0]![0]).toMatchObject({ command: 'quiz', subcommand: 'play' });
    const toast = String(answered.params['text']);
    expect(answered.status).toBe(200);
    expect(toast.startsWith('Answer recorded: B. Softmax')).toBe(true);
    expect(toast.length).toBeLessThanOrEqual(200);
    expect(toast.endsWith('…')).toBe(true);
    await sleep(100);
    expect(rig.fake.callsTo('answerCallbackQuery').filter((call) => call.params['callback_query_id'] === queryId)).toHaveLength(1);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(1);
  });

  it('sends a private reply that reaches the outbox to the asker\'s private chat, never to the group', async () => {
    const { chat } = newGroup();
    const known = person(7201);
    const stranger = person(7202);
    rig.fake.state.knowUser(known);
    await rig.adapter.deliver(delivery(chat.id, 'privateReply0001', true, { text: 'Only for you', askerOnly: true }, { userId: known.id }));
    await rig.adapter.deliver(delivery(chat.id, 'privateReply0002', true, { text: 'Only for you', askerOnly: true }, { userId: stranger.id }));
    expect(rig.fake.botMessages(known.id).map((stored) => stored.message.text)).toEqual(['Only for you']);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(0);
  });

  it('sends a file as a document captioned with the text, or the text first when it is too long for a caption', async () => {
    const { chat } = newGroup();
    const file = { name: 'results.csv', mime: 'text/csv' as const, base64: Buffer.from(CSV).toString('base64') };
    await rig.adapter.deliver(delivery(chat.id, 'fileReply0000001', true, { text: '**Results** of the quiz', file }));
    const long = `Class report\n\n${'Most chose C: the mask is not what turns scores into weights. '.repeat(25)}`;
    await rig.adapter.deliver(delivery(chat.id, 'fileReply0000002', true, { text: long, file, buttons: [{ id: 'bAgainxxxxxx', label: 'Play again' }] }));

    const sent = rig.fake.botMessages(chat.id);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.message.document?.file_name).toBe('results.csv');
    expect(sent[0]!.message.caption).toBe('Results of the quiz');
    expect(sent[0]!.message.caption_entities?.[0]?.type).toBe('bold');
    expect(sent[1]!.message.text).toContain('Class report');
    expect(sent[1]!.message.reply_markup).toBeUndefined();
    expect(sent[2]!.message.document?.file_name).toBe('results.csv');
    expect(sent[2]!.message.caption).toBeUndefined();
    expect(sent[2]!.message.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('Play again');
    const uploads = rig.fake.callsTo('sendDocument').filter((call) => call.params['chat_id'] === String(chat.id));
    expect(uploads.map((call) => call.files['document']?.bytes.toString('utf8'))).toEqual([CSV, CSV]);
  });

  it('sends results privately to a teacher who started the bot, and otherwise posts the start link in the group', async () => {
    const { chat } = newGroup();
    const teacher = person(7301);
    const newTeacher = person(7302);
    rig.fake.state.knowUser(teacher);
    rig.fake.state.forgetUser(newTeacher.id);
    const results = (userId: number, id: string) =>
      delivery(chat.id, id, true, {
        text: 'Results of the quiz',
        file: { name: 'results.csv', mime: 'text/csv', base64: Buffer.from(CSV).toString('base64') },
        directMessage: { startParam: 'res_qzTESTquiz03', fallbackText: 'I cannot message you yet: open a chat with me and the results come there.', linkLabel: 'Get the results' },
      }, { userId });

    await rig.adapter.deliver(results(teacher.id, 'privately000001'));
    expect(rig.fake.botMessages(teacher.id).map((stored) => stored.message.document?.file_name)).toEqual(['results.csv']);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(0);

    await rig.adapter.deliver(results(newTeacher.id, 'privately000002'));
    const refused = rig.fake.callsTo('sendDocument').filter((call) => call.params['chat_id'] === String(newTeacher.id));
    expect(refused.map((call) => call.status)).toEqual([403]);
    const [fallback] = rig.fake.botMessages(chat.id);
    expect(rig.fake.botMessages(chat.id)).toHaveLength(1);
    expect(fallback!.message.text).toContain('I cannot message you yet');
    expect(fallback!.message.document).toBeUndefined();
    expect(fallback!.message.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Get the results', url: `https://t.me/${rig.fake.bot.username}?start=res_qzTESTquiz03` }]] });
  });

  describe('/quiz import with a document', () => {
    const answered: Dispatch = { kind: 'answered', reply: reply({ text: 'Imported' }) };

    function captureDispatch(): TypedInvocation[] {
      const seen: TypedInvocation[] = [];
      vi.spyOn(rig.runtime.tutor, 'dispatch').mockImplementation(async (invocation) => {
        seen.push(invocation);
        return answered;
      });
      return seen;
    }

    it('downloads a file within the limit and passes it encoded, with the teacher\'s admin right', async () => {
      const { chat } = newGroup();
      const teacher = person(7401);
      rig.fake.setChatMember(chat.id, teacher.id, 'administrator');
      const seen = captureDispatch();
      const downloadsBefore = rig.fake.downloads.length;
      const sent = rig.fake.pushDocument(chat, teacher, { name: 'questions.csv', bytes: Buffer.from(CSV), caption: `/quiz@${rig.fake.bot.username} import` });
      const [reply0] = await rig.messages(chat.id, 1);

      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ command: 'quiz', subcommand: 'import', user: { id: String(teacher.id), chatAdmin: true } });
      expect(seen[0]!.args['file']).toBe(encodeAttachment({ name: 'questions.csv', size: CSV.length, bytes: Buffer.from(CSV) }));
      expect(Buffer.from(decodeAttachment(String(seen[0]!.args['file']))!.bytes!).toString('utf8')).toBe(CSV);
      expect(rig.fake.downloads.slice(downloadsBefore).map((call) => call.status)).toEqual([200]);
      expect(reply0!.message.reply_to_message?.message_id).toBe(sent.message_id);
    });

    it('never downloads a file over the limit: the core gets its name and size only', async () => {
      const { chat } = newGroup();
      const teacher = person(7402);
      rig.fake.setChatMember(chat.id, teacher.id, 'administrator');
      const seen = captureDispatch();
      const before = { getFile: rig.fake.callsTo('getFile').length, downloads: rig.fake.downloads.length };
      rig.fake.pushDocument(chat, teacher, { name: 'big.csv', bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x61), caption: '/quiz import' });
      await rig.messages(chat.id, 1);
      expect(seen[0]!.args['file']).toBe(`big.csv|size=${MAX_ATTACHMENT_BYTES + 1}`);
      expect(seen[0]!.user.chatAdmin).toBe(true);
      expect(rig.fake.callsTo('getFile').length).toBe(before.getFile);
      expect(rig.fake.downloads.length).toBe(before.downloads);
    });

    it('asks getFile for the size when the message leaves it out, and still does not download an over-limit file', async () => {
      const { chat } = newGroup();
      const teacher = person(7403);
      rig.fake.setChatMember(chat.id, teacher.id, 'administrator');
      const seen = captureDispatch();
      const downloads = rig.fake.downloads.length;
      rig.fake.pushDocument(chat, teacher, { name: 'big.json', bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES + 10, 0x20), caption: '/quiz import', declaredSize: null });
      await rig.messages(chat.id, 1);
      expect(seen[0]).toMatchObject({ command: 'quiz', subcommand: 'import', args: { file: `big.json|size=${MAX_ATTACHMENT_BYTES + 10}` } });
      expect(rig.fake.downloads.length).toBe(downloads);
    });

    it('checks chat and rights BEFORE any download: a private chat or a non-admin gets the refusal, and no file is fetched', async () => {
      const { chat } = newGroup();
      const student = person(7405);
      rig.fake.state.knowUser(student);
      const seen = captureDispatch();
      const before = { getFile: rig.fake.callsTo('getFile').length, downloads: rig.fake.downloads.length };
      rig.fake.pushDocument({ id: student.id, type: 'private' }, student, { name: 'q.csv', bytes: Buffer.from(CSV), caption: '/quiz import' });
      const [privately] = await rig.messages(student.id, 1);
      rig.fake.pushDocument(chat, student, { name: 'q.csv', bytes: Buffer.from(CSV), caption: '/quiz import' });
      const [inGroup] = await rig.messages(chat.id, 1);
      expect(privately!.message.text).toContain('Import questions in the group');
      expect(inGroup!.message.text).toContain('Only the group');
      expect(seen).toHaveLength(0);
      expect(rig.fake.callsTo('getFile').length).toBe(before.getFile);
      expect(rig.fake.downloads.length).toBe(before.downloads);
    });

    it('ignores a document for another bot or without a command, and passes no file when the download fails (no token in the logs)', async () => {
      const { chat } = newGroup();
      const teacher = person(7404);
      rig.fake.setChatMember(chat.id, teacher.id, 'administrator');
      const seen = captureDispatch();
      rig.fake.pushDocument(chat, teacher, { name: 'a.csv', bytes: Buffer.from(CSV), caption: '/quiz@OtherBot import' });
      rig.fake.pushDocument(chat, teacher, { name: 'b.csv', bytes: Buffer.from(CSV), caption: 'here are my questions' });
      rig.fake.pushDocument(chat, teacher, { name: 'c.csv', bytes: Buffer.from(CSV) });
      rig.fake.failNext('getFile', { code: 500 });
      rig.fake.pushDocument(chat, teacher, { name: 'd.csv', bytes: Buffer.from(CSV), caption: '/quiz import' });
      await rig.messages(chat.id, 1);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.args['file']).toBeUndefined();
      const logged = JSON.stringify(rig.logger.entries);
      expect(logged).toContain('attachment not downloaded');
      expect(logged).not.toContain(rig.fake.token);
    });
  });

  it('asks whether the asker administers the group for the teacher\'s quiz commands only', async () => {
    const { chat } = newGroup();
    const admin = person(7501);
    const student = person(7502);
    rig.fake.setChatMember(chat.id, admin.id, 'creator');
    const seen: TypedInvocation[] = [];
    vi.spyOn(rig.runtime.tutor, 'dispatch').mockImplementation(async (invocation) => {
      seen.push(invocation);
      return { kind: 'answered', reply: reply({ text: 'ok' }) };
    });
    const checks = () => rig.fake.callsTo('getChatMember').filter((call) => call.params['chat_id'] === String(chat.id)).length;
    rig.fake.pushGroupMessage(chat, student, '/quiz start attention 5 20');
    await rig.messages(chat.id, 1);
    expect(checks()).toBe(0);
    for (const [user, line] of [[admin, '/quiz stop'], [student, '/quiz skip'], [admin, '/quiz results']] as const) rig.fake.pushGroupMessage(chat, user, line);
    await rig.messages(chat.id, 4);
    expect(seen.map((invocation) => [invocation.subcommand, invocation.user.chatAdmin])).toEqual([
      ['start', undefined],
      ['stop', true],
      ['skip', false],
      ['results', true],
    ]);
  });

  it('keeps best-effort counter edits from taking the group slots a reveal needs', async () => {
    const { chat } = newGroup();
    // Fast edits, so the counter alone would fill the (scaled) 20-per-3-s window.
    const fast = await startTelegramRig({ pacing: { privateEditIntervalMs: 300, groupEditIntervalMs: 60 } });
    try {
      fast.fake.state.chats.set(chat.id, chat);
      const correlationId = 'qzBUDGETquiz01q1';
      const counter: Promise<void>[] = [];
      for (let answered = 0; answered < 40; answered++) {
        counter.push(fast.adapter.deliver(delivery(chat.id, correlationId, false, { text: `Question 1\n\n${answered} answered`, buttons: questionButtons(1) })));
        await sleep(40);
      }
      const revealAsked = Date.now();
      await fast.adapter.deliver(delivery(chat.id, 'qzBUDGETquiz01r1', true, { text: 'The answer was B' }));
      await fast.adapter.deliver(delivery(chat.id, correlationId, true, { text: 'Question 1\n\nTime is up' }));
      await Promise.all(counter);

      const group = fast.fake.calls.filter((call) => call.params['chat_id'] === String(chat.id) && (call.method === 'sendMessage' || call.method === 'editMessageText'));
      const edits = group.filter((call) => call.method === 'editMessageText');
      const reveal = group.find((call) => call.method === 'sendMessage' && String(call.params['text']).includes('The answer was B'))!;
      // No 3-second window ever held more than 20 requests to the group, and edits alone stopped at 15.
      for (const call of group) expect(group.filter((other) => other.at >= call.at && other.at < call.at + 3_000 - 20).length).toBeLessThanOrEqual(20);
      const editsBeforeReveal = edits.filter((call) => call.at <= reveal.at && call.at > reveal.at - 3_000 + 20);
      expect(editsBeforeReveal.length).toBeLessThanOrEqual(15);
      // The reveal did not wait for the window to slide: it went before the first edit left it.
      expect(edits.length).toBeGreaterThanOrEqual(14);
      expect(reveal.at).toBeLessThan(edits[0]!.at + 3_000);
      expect(reveal.at - revealAsked).toBeLessThan(1_500);
      expect(group.every((call) => call.status === 200)).toBe(true);
    } finally {
      await fast.close();
    }
  }, 20_000);

  it('never sent a request Telegram would refuse, except to people who never started the bot and the failure a test asked for', () => {
    const refused = rig.fake.calls.filter((call) => call.status >= 400 && call.status !== 499);
    expect(refused.map((call) => [call.method, call.status])).toEqual([
      ['sendMessage', 403],
      ['sendDocument', 403],
      ['getFile', 500],
    ]);
  });
});
