/**
 * A full class quiz through the REAL telegraf client against the local fake Bot API on 127.0.0.1, with the real
 * engine on the offline runtime, in a Telegram group: the teacher starts a quiz; students join and answer by pressing
 * the posted buttons (right, wrong, twice, too late); each question keeps its buttons while open and loses them when
 * closed; a reveal per question, a podium; the group's message budget; results privately (or the start link); an
 * import and a quiz on the imported questions. Once more through BullMQ on the test Redis, where the quiz's timers are
 * delayed jobs. Time runs SCALE times faster (test/support/class-quiz-scaled.ts).
 */
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { groupChat, person, type ApiCall, type StoredMessage, type TgChat, type TgUser } from '../support/fake-telegram/server.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';
import { CUSTOM, CUSTOM_CSV, LETTERS, LIMITS, PACING, TIMING, WAIT_MS, bankQuestionIn, busiestWindow, csvRows, distribution } from '../support/class-quiz-scaled.js';

const CHANGES_A_CHAT = new Set(['sendMessage', 'editMessageText', 'sendDocument', 'sendPhoto']);

/** Requests that put or change something in a chat (what Telegram's per-group budget counts). */
function chatChanges(rig: TelegramRig, chatId: number): ApiCall[] {
  return rig.fake.calls.filter((call) => CHANGES_A_CHAT.has(call.method) && call.params['chat_id'] === String(chatId));
}

/** sendMessage / editMessageText calls that touched one message, in order. */
function callsForMessage(rig: TelegramRig, chatId: number, messageId: number): ApiCall[] {
  return chatChanges(rig, chatId).filter(
    (call) => (call.method === 'sendMessage' && (call.result as { message_id?: number } | undefined)?.message_id === messageId) || (call.method === 'editMessageText' && Number(call.params['message_id']) === messageId),
  );
}

function markupOf(call: ApiCall): unknown {
  const raw = call.params['reply_markup'];
  return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
}

function callbackData(stored: StoredMessage): string[] {
  return (stored.message.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? '');
}

interface TelegramClass {
  rig: TelegramRig;
  chat: TgChat;
  teacher: TgUser;
}

/** A person presses a button under a bot message; resolves with the toast (answerCallbackQuery text). */
async function pressTelegram(klass: TelegramClass, who: TgUser, stored: StoredMessage, data: string): Promise<string> {
  const queryId = klass.rig.fake.pushCallbackQuery(who, stored.message, data);
  const answered = await klass.rig.fake.waitForCall((call) => call.method === 'answerCallbackQuery' && call.params['callback_query_id'] === queryId && call.status !== 0, WAIT_MS);
  expect(answered.status).toBe(200);
  return String(answered.params['text'] ?? '');
}

/** The first bot message in the group after message `after` whose text matches, once `ready` holds for it. */
function telegramMessage(klass: TelegramClass, after: number, pattern: RegExp, what: string, ready: (stored: StoredMessage) => boolean = () => true): Promise<StoredMessage> {
  return klass.rig.fake.waitFor(
    () => klass.rig.fake.botMessages(klass.chat.id).find((stored) => stored.message.message_id > after && pattern.test(shown(stored)) && ready(stored)),
    WAIT_MS,
    what,
  );
}

describe('a full class quiz in a Telegram group (telegraf + the fake Bot API, real engine)', () => {
  let rig: TelegramRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('runs from /quiz start to the podium within the group budget; results privately or by the start link; import and a custom quiz', { timeout: 90_000 }, async () => {
    rig = await startTelegramRig({ classQuizTiming: TIMING, limits: LIMITS, pacing: PACING });
    const fake = rig.fake;
    const chat = groupChat(-1_000_555_001);
    const teacher = person(8001, { firstName: 'Teacher', languageCode: 'en' });
    const [ann, bob, cy, dee] = ['Ann', 'Bob', 'Cy', 'Dee'].map((name, i) => person(8101 + i, { firstName: name, languageCode: 'en' })) as [TgUser, TgUser, TgUser, TgUser];
    fake.setChatMember(chat.id, teacher.id, 'administrator');
    const klass: TelegramClass = { rig, chat, teacher };
    const toasts: string[] = [];
    const press = async (who: TgUser, stored: StoredMessage, data: string) => {
      const toast = await pressTelegram(klass, who, stored, data);
      toasts.push(toast);
      return toast;
    };

    // The teacher starts the quiz: the lobby answers the command with a Join button.
    const command = fake.pushGroupMessage(chat, teacher, '/quiz start attention 3 5');
    const lobby = await telegramMessage(klass, command.message_id, /Class quiz/, 'the lobby');
    expect(lobby.message.reply_to_message?.message_id).toBe(command.message_id);
    expect(lobby.message.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual(['Join']);
    const [join] = callbackData(lobby);
    expect(await press(ann, lobby, join!)).toBe('You are in! 1 players.');
    expect(await press(ann, lobby, join!)).toBe('You are already in (1 players).');
    for (const student of [bob, cy, dee]) expect(await press(student, lobby, join!)).toMatch(/^You are in! \d players\.$/);

    // Three questions. Ann: right. Bob: wrong. Cy: wrong then right on Q1 (the second press is refused), right after.
    // Dee: nothing on Q1 and Q2 (so they run their full time), presses Q1 after it closed, answers Q3 (all answered).
    const questionMessages: StoredMessage[] = [];
    let after = lobby.message.message_id;
    for (let index = 0; index < 3; index++) {
      const posted = await telegramMessage(klass, after, new RegExp(`^Question ${index + 1} of 3`), `question ${index + 1}`, (stored) => stored.message.reply_markup !== undefined);
      questionMessages.push(posted);
      after = posted.message.message_id;
      const question = bankQuestionIn(shown(posted));
      const buttons = callbackData(posted);
      expect(posted.message.reply_markup!.inline_keyboard.flat().map((button) => button.text)).toEqual(LETTERS.slice(0, question.text.en.options.length));
      const wrongOption = (question.correct + 1) % buttons.length;
      const picks: number[] = [];
      expect(await press(ann, posted, buttons[question.correct]!)).toBe(`Answer ${LETTERS[question.correct]} recorded ✓`);
      picks.push(question.correct);
      expect(await press(bob, posted, buttons[wrongOption]!)).toBe(`Answer ${LETTERS[wrongOption]} recorded ✓`);
      picks.push(wrongOption);
      if (index === 0) {
        expect(await press(cy, posted, buttons[wrongOption]!)).toMatch(/recorded/);
        expect(await press(cy, posted, buttons[question.correct]!)).toBe('You already answered this question.');
        picks.push(wrongOption);
      } else {
        expect(await press(cy, posted, buttons[question.correct]!)).toMatch(/recorded/);
        picks.push(question.correct);
      }
      if (index === 2) {
        expect(await press(dee, posted, buttons[wrongOption]!)).toMatch(/recorded/);
        picks.push(wrongOption);
      }

      // The reveal: the right answer and how the class answered.
      const reveal = await telegramMessage(klass, after, new RegExp(`^✅ Question ${index + 1}: ${LETTERS[question.correct]}\\.`), `reveal ${index + 1}`);
      expect(shown(reveal)).toContain(`📊 ${distribution(picks, buttons.length)}`);
      expect(shown(reveal)).toMatch(/🏆 Top \d/);
      expect(reveal.message.reply_markup).toBeUndefined();
      // The question closes: its buttons go, its count is final.
      const closed = await fake.waitFor(() => (posted.message.reply_markup === undefined ? posted : undefined), WAIT_MS, `question ${index + 1} closed`);
      expect(shown(closed)).toContain(`⏱ Time's up: ${picks.length} answered.`);
      if (index === 0) expect(await press(dee, posted, buttons[question.correct]!)).toBe('This question is closed.');
    }

    // The podium: Ann (three right) wins.
    const podium = await telegramMessage(klass, after, /^🏁 Final results/, 'the podium');
    expect(shown(podium)).toMatch(/🥇 Ann: \d+/);
    expect(shown(podium)).toContain('4 players · 3 questions');
    expect(shown(podium)).toContain('What the class found hard');

    // Every question message kept its answer buttons on each send and edit while open; the last edit removed them.
    for (const posted of questionMessages) {
      const touched = callsForMessage(rig, chat.id, posted.message.message_id);
      expect(touched[0]!.method).toBe('sendMessage');
      const keyboard = markupOf(touched[0]!);
      expect(keyboard).toMatchObject({ inline_keyboard: expect.any(Array) as unknown });
      for (const call of touched.slice(0, -1)) expect(markupOf(call)).toEqual(keyboard);
      expect(touched.at(-1)!.method).toBe('editMessageText');
      expect(touched.at(-1)!.params['reply_markup']).toBeUndefined();
    }
    // Acknowledgements were toasts for the presser alone: nothing in the group, nothing in their private chats.
    // 5 joins; Q1: 4 + the late one; Q2: 3; Q3: 4.
    expect(toasts).toHaveLength(17);
    const acks = /recorded|already|You are in|closed/;
    expect(fake.botMessages(chat.id).filter((stored) => acks.test(shown(stored)) && !/Time's up/.test(shown(stored)))).toEqual([]);
    for (const student of [ann, bob, cy, dee]) expect(fake.botMessages(student.id)).toEqual([]);
    expect(fake.state.unansweredQueries).toEqual([]);

    // /quiz results: the teacher never started the bot, so the group gets the start link…
    const asked = fake.pushGroupMessage(chat, teacher, '/quiz results');
    const fallback = await telegramMessage(klass, asked.message_id, /cannot message you privately/, 'the results fallback');
    expect(fallback.message.document).toBeUndefined();
    expect(fake.callsTo('sendDocument').filter((call) => call.params['chat_id'] === String(teacher.id)).map((call) => call.status)).toEqual([403]);
    const link = fallback.message.reply_markup?.inline_keyboard[0]?.[0];
    expect(link?.url).toMatch(new RegExp(`^https://t\\.me/${fake.bot.username}\\?start=r[A-Za-z0-9_-]{12}$`));
    const startParam = new URL(link!.url!).searchParams.get('start')!;
    // …and /start <param> in the private chat delivers the CSV there.
    fake.pushPrivateMessage(teacher, `/start ${startParam}`);
    const [file] = await rig.messages(teacher.id, 1, { timeoutMs: WAIT_MS, ready: (sent) => sent.some((stored) => stored.message.document !== undefined) });
    expect(file!.message.document?.file_name).toMatch(/^quiz-results-.+\.csv$/);
    const upload = fake.callsTo('sendDocument').find((call) => call.params['chat_id'] === String(teacher.id) && call.status === 200)!;
    const rows = csvRows(upload.files['document']!.bytes);
    expect(rows[0]).toBe('"student","question","answer","correct","ms","points"');
    // Ann 3, Bob 3, Cy 3, Dee 1 answers.
    expect(rows).toHaveLength(1 + 10);
    expect(rows.filter((row) => row.startsWith('"Ann",')).every((row) => row.includes(',"yes",'))).toBe(true);
    expect(rows.filter((row) => row.startsWith('"Bob",')).every((row) => /,"no","\d+","0"$/.test(row))).toBe(true);
    // Now that the teacher has started the bot, the next /quiz results goes privately, and the group sees nothing.
    const groupBefore = fake.botMessages(chat.id).length;
    fake.pushGroupMessage(chat, teacher, '/quiz results');
    await fake.waitFor(() => fake.callsTo('sendDocument').filter((call) => call.params['chat_id'] === String(teacher.id) && call.status === 200).length === 2, WAIT_MS, 'the results in private');
    expect(fake.botMessages(chat.id)).toHaveLength(groupBefore);

    // /quiz import: refused for a student, saved for the teacher (an admin).
    const refused = fake.pushDocument(chat, bob, { name: 'mine.csv', bytes: Buffer.from(CUSTOM_CSV), caption: '/quiz import' });
    const refusal = await telegramMessage(klass, refused.message_id, /admins/, 'the refused import');
    expect(refusal.message.reply_to_message?.message_id).toBe(refused.message_id);
    const imported = fake.pushDocument(chat, teacher, { name: 'questions.csv', bytes: Buffer.from(CUSTOM_CSV), caption: '/quiz import' });
    await telegramMessage(klass, imported.message_id, /Saved 2 questions for this group/, 'the import report');

    // A quiz on the imported questions: both appear, each revealed with the file's answer. The group's budget is
    // mostly spent by now (the first quiz, the results, the imports): the limiter may hold this quiz's messages
    // back past their answer time, so nobody is asked to answer in time here.
    const customStart = fake.pushGroupMessage(chat, teacher, '/quiz start custom 2 5');
    const customLobby = await telegramMessage(klass, customStart.message_id, /Class quiz/, 'the custom lobby');
    expect(shown(customLobby)).toContain("this group's own questions");
    expect(await press(ann, customLobby, callbackData(customLobby)[0]!)).toBe('You are in! 1 players.');
    after = customLobby.message.message_id;
    const asked2: string[] = [];
    const customPosts: StoredMessage[] = [];
    for (let index = 0; index < 2; index++) {
      const posted = await telegramMessage(klass, after, new RegExp(`^Question ${index + 1} of 2`), `custom question ${index + 1}`);
      customPosts.push(posted);
      after = posted.message.message_id;
      const item = CUSTOM.find((candidate) => shown(posted).includes(candidate.question));
      expect(item, shown(posted)).toBeDefined();
      asked2.push(item!.question);
      await telegramMessage(klass, after, new RegExp(`^✅ Question ${index + 1}: ${LETTERS[item!.correct]}\\. ${item!.options[item!.correct]}`), `custom reveal ${index + 1}`);
    }
    expect(asked2.sort()).toEqual(CUSTOM.map((item) => item.question).sort());
    await telegramMessage(klass, after, /^🏁 Final results/, 'the custom podium');
    await fake.waitFor(() => customPosts.every((posted) => posted.message.reply_markup === undefined), WAIT_MS, 'the custom questions closed');

    // The message budget: every send and edit in the group, over the whole run, inside Telegram's 20 a minute
    // (scaled: 20 per 12 s), and nothing refused for flooding. The run sends more than 20, most of them within 12 s,
    // so this checks the limiter under a real quiz: it counts from Telegram's answers, so the fake's arrival times of
    // any 21 requests span at least the window.
    const group = chatChanges(rig, chat.id);
    expect(group.length).toBeGreaterThan(LIMITS.groupMax);
    expect(group.every((call) => call.status === 200)).toBe(true);
    expect(busiestWindow(group.map((call) => call.at), LIMITS.groupWindowMs)).toBeLessThanOrEqual(LIMITS.groupMax);
    expect(fake.calls.filter((call) => call.status === 429)).toEqual([]);
  });
});

// ───────────────────────────────────────────── BullMQ ─────────────────────────────────────────────

describe.skipIf(!redisUrl)('a class quiz in a Telegram group through BullMQ on the test Redis (in-process workers)', () => {
  let rig: TelegramRig | undefined;
  let queue: Queue | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    await rig?.close();
    rig = undefined;
  });

  it('runs on timers that are delayed jobs: the lobby, a question that runs its time, one closed early, the podium', { timeout: 60_000 }, async () => {
    const url = requireRedisUrl();
    rig = await startTelegramRig({ redisUrl: url, classQuizTiming: TIMING, limits: LIMITS, pacing: PACING });
    const fake = rig.fake;
    const chat = groupChat(-1_000_555_002);
    const teacher = person(8201, { firstName: 'Teacher', languageCode: 'en' });
    const [ann, bob] = ['Ann', 'Bob'].map((name, i) => person(8301 + i, { firstName: name, languageCode: 'en' })) as [TgUser, TgUser];
    const klass: TelegramClass = { rig, chat, teacher };

    const command = fake.pushGroupMessage(chat, teacher, '/quiz start attention 2 5');
    const lobby = await telegramMessage(klass, command.message_id, /Class quiz/, 'the lobby');
    const [join] = callbackData(lobby);
    expect(await pressTelegram(klass, ann, lobby, join!)).toBe('You are in! 1 players.');
    expect(await pressTelegram(klass, bob, lobby, join!)).toBe('You are in! 2 players.');

    let after = lobby.message.message_id;
    for (let index = 0; index < 2; index++) {
      const posted = await telegramMessage(klass, after, new RegExp(`^Question ${index + 1} of 2`), `question ${index + 1}`, (stored) => stored.message.reply_markup !== undefined);
      after = posted.message.message_id;
      const question = bankQuestionIn(shown(posted));
      const buttons = callbackData(posted);
      // Q1: only Ann answers (its timer closes it). Q2: both answer (closed at once, before its timer).
      expect(await pressTelegram(klass, ann, posted, buttons[question.correct]!)).toMatch(/recorded/);
      if (index === 1) expect(await pressTelegram(klass, bob, posted, buttons[(question.correct + 1) % buttons.length]!)).toMatch(/recorded/);
      const reveal = await telegramMessage(klass, after, new RegExp(`^✅ Question ${index + 1}: ${LETTERS[question.correct]}\\.`), `reveal ${index + 1}`);
      expect(shown(reveal)).toContain(`📊 ${distribution(index === 1 ? [question.correct, (question.correct + 1) % buttons.length] : [question.correct], buttons.length)}`);
      await fake.waitFor(() => posted.message.reply_markup === undefined, WAIT_MS, `question ${index + 1} closed`);
      expect(await pressTelegram(klass, bob, posted, buttons[question.correct]!)).toBe('This question is closed.');
    }
    const podium = await telegramMessage(klass, after, /^🏁 Final results/, 'the podium');
    expect(shown(podium)).toMatch(/🥇 Ann: \d+\n🥈 Bob: 0/);

    // The timers were BullMQ delayed jobs with fixed ids, run by the workers.
    const quizId = /^qz(.+)q0$/.exec(rig.deliveries.map((delivery) => delivery.address.correlationId).find((id) => /^qz.+q0$/.test(id)) ?? '')?.[1];
    expect(quizId).toBeDefined();
    queue = new Queue('fast', { connection: { url }, prefix: rig.prefix });
    const timers = [
      [`quiz-${quizId}-open-0-timer`, TIMING.lobbyMs],
      [`quiz-${quizId}-close-0-timer`, 5 * TIMING.secondMs + TIMING.answerGraceMs],
      [`quiz-${quizId}-open-1-timer`, TIMING.revealPauseMs],
    ] as const;
    for (const [jobId, delay] of timers) {
      const job = await queue.getJob(jobId);
      expect(job?.opts.delay, jobId).toBe(delay);
      expect(await job!.getState(), jobId).toBe('completed');
      expect(job!.finishedOn! - job!.timestamp, jobId).toBeGreaterThanOrEqual(delay);
    }
    // Q2 closed when both had answered: a job without delay, before its own timer.
    const early = await queue.getJob(`quiz-${quizId}-close-1-all-answered`);
    expect(early?.opts.delay ?? 0).toBe(0);
    expect(await early!.getState()).toBe('completed');

    const group = chatChanges(rig, chat.id);
    expect(group.every((call) => call.status === 200)).toBe(true);
    expect(busiestWindow(group.map((call) => call.at), LIMITS.groupWindowMs)).toBeLessThanOrEqual(LIMITS.groupMax);
  });
});
