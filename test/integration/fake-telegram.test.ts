/**
 * The fake Bot API (test/support/fake-telegram) driven by the REAL telegraf client: if the fake were wrong, every
 * Telegram adapter test built on it would be wrong too.
 */
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../support/fake-telegram/html.js';
import { freePort } from '../../tools/redis-process.js';
import { FakeTelegram, groupChat, person, privateChatOf, type TgMessage, type TgUpdate } from '../support/fake-telegram/server.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');

let fake: FakeTelegram;
const bots: Telegraf[] = [];

function client(token = fake.token): Telegraf {
  const bot = new Telegraf(token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
  bots.push(bot);
  return bot;
}

/** Launches long polling and resolves once the first getUpdates is held by the fake. */
async function launched(bot: Telegraf): Promise<void> {
  void bot.launch().catch(() => undefined);
  await fake.waitForHeldPoll();
}

async function apiError(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TelegramError);
  return error as TelegramError;
}

beforeEach(async () => {
  fake = await FakeTelegram.start({ maxPollMs: 2_000 });
});

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    try {
      bot.stop('test over');
    } catch {
      // never launched
    }
  }
  await fake.close();
});

describe('fake Telegram: updates', () => {
  it('serves launch (getMe, deleteWebhook, getUpdates with a long-poll timeout) and delivers a pushed private command', async () => {
    const bot = client();
    const seen: string[] = [];
    bot.command('explain', (ctx) => void seen.push(`${ctx.from.language_code}:${ctx.payload}`));
    await launched(bot);
    expect(fake.calls.slice(0, 3).map((call) => call.method)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
    expect(fake.calls[2]!.params['timeout']).toBe(50);

    fake.pushPrivateMessage(person(11, { languageCode: 'zh-hans' }), '/explain 注意力');
    await fake.waitFor(() => seen.length === 1);
    expect(seen).toEqual(['zh-hans:注意力']);
  });

  it('wakes a held long poll when an update is pushed, and never delivers an update twice once its offset is confirmed', async () => {
    const bot = client();
    const texts: string[] = [];
    bot.on('message', (ctx) => void texts.push((ctx.message as TgMessage).text ?? ''));
    await launched(bot);
    const held = await fake.waitForHeldPoll();
    fake.pushPrivateMessage(person(12), 'one');
    // The poll that was waiting answers at once with the update (it is not a fresh poll that found it).
    expect(held.status).toBe(200);
    expect((held.result as TgUpdate[]).map((update) => update.message?.text)).toEqual(['one']);
    fake.pushPrivateMessage(person(12), 'two');
    await fake.waitFor(() => texts.length >= 2);
    await fake.waitForCall((call) => call.method === 'getUpdates' && Number(call.params['offset']) === 3);
    fake.pushPrivateMessage(person(12), 'three');
    await fake.waitFor(() => texts.length >= 3);
    expect(texts).toEqual(['one', 'two', 'three']);
    // Every poll after the first carried the offset past what it had been given.
    const offsets = fake.callsTo('getUpdates').map((call) => Number(call.params['offset']));
    expect(offsets.slice(0, 4)).toEqual([0, 2, 3, 4]);
  });

  it('marks /cmd@Bot in groups as a bot_command that telegraf routes only when it names this bot', async () => {
    const bot = client();
    const seen: string[] = [];
    bot.command('explain', (ctx) => void seen.push(ctx.message.text));
    bot.on('message', (ctx) => void seen.push(`other:${(ctx.message as TgMessage).text}`));
    await launched(bot);
    const group = groupChat(-100200);
    const user = person(13);
    fake.pushGroupMessage(group, user, `/explain@${fake.bot.username} attention`);
    fake.pushGroupMessage(group, user, '/explain@SomeOtherBot attention');
    await fake.waitFor(() => seen.length === 2);
    expect(seen).toEqual([`/explain@${fake.bot.username} attention`, 'other:/explain@SomeOtherBot attention']);
  });

  it('delivers callback queries, which can be answered once', async () => {
    const bot = client();
    const answers: unknown[] = [];
    bot.on('callback_query', async (ctx) => {
      answers.push(await ctx.answerCbQuery());
      answers.push(await ctx.answerCbQuery().catch((error: TelegramError) => error.description));
    });
    await launched(bot);
    const user = person(14);
    fake.state.knowUser(user);
    const sent = (await bot.telegram.sendMessage(user.id, 'pick', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'bAAAA' }]] } })) as unknown as TgMessage;
    const queryId = fake.pushCallbackQuery(user, sent, 'bAAAA');
    await fake.waitFor(() => answers.length === 2);
    expect(answers[0]).toBe(true);
    expect(answers[1]).toMatch(/query is too old/);
    expect(fake.state.unansweredQueries).not.toContain(queryId);
  });

  it('POSTs updates to a webhook with its secret token, and refuses getUpdates while the webhook is set', async () => {
    const bot = client();
    const seen: string[] = [];
    bot.on('message', (ctx) => void seen.push((ctx.message as TgMessage).text ?? ''));
    const port = await freePort();
    await bot.launch({ webhook: { domain: 'tutor.example.com', port, host: '127.0.0.1', path: '/tg', secretToken: 's3cret' } });
    expect(fake.state.webhook).toEqual({ url: 'https://tutor.example.com/tg', secret: 's3cret' });
    fake.routeWebhookTo(`http://127.0.0.1:${port}`);
    const update = fake.pushPrivateMessage(person(15), 'via webhook');
    await fake.waitFor(() => seen.length === 1);
    await fake.waitFor(() => fake.webhookDeliveries.length === 1);
    expect(fake.webhookDeliveries[0]).toEqual({ updateId: 1, status: 200 });
    expect(update.text).toBe('via webhook');
    const error = await apiError(bot.telegram.getUpdates(0, 1, 0, undefined));
    expect(error.code).toBe(409);
  });
});

describe('fake Telegram: sending, validated like Telegram', () => {
  const user = person(21);
  beforeEach(() => fake.state.knowUser(user));

  it('parses HTML and stores what the reader sees, with entities', async () => {
    const bot = client();
    await bot.telegram.sendMessage(user.id, '<b>Bold</b> &lt;tag&gt; &amp; <code>x</code> <a href="https://example.com">link</a>', { parse_mode: 'HTML' });
    const [stored] = fake.botMessages(user.id);
    expect(stored!.message.text).toBe('Bold <tag> & x link');
    expect(stored!.message.entities?.map((entity) => entity.type)).toEqual(['bold', 'code', 'text_link']);
  });

  it.each([
    ['an unsupported tag', 'a <script>x</script>', /Unsupported start tag "script"/],
    ['a bare <', 'a < b', /can't parse entities/],
    ['a bare &', 'AT&T', /Unescaped "&"/],
    ['crossed tags', '<b><i>x</b></i>', /Unmatched end tag/],
    ['an unclosed tag', '<b>x', /Can't find end tag corresponding to start tag "b"/],
  ])('answers 400 "can\'t parse entities" on %s', async (_name, html, pattern) => {
    const error = await apiError(client().telegram.sendMessage(user.id, html, { parse_mode: 'HTML' }));
    expect(error.code).toBe(400);
    expect(error.description).toMatch(/^Bad Request: can't parse entities/);
    expect(error.description).toMatch(pattern);
  });

  it('counts the 4,096-character limit after entity parsing, and refuses empty text', async () => {
    const bot = client();
    // 4,096 visible characters written as 16,384 characters of entities: accepted, as Telegram does.
    await bot.telegram.sendMessage(user.id, `<b>${'&lt;'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    expect(fake.botMessages(user.id)[0]!.message.text).toHaveLength(4096);
    const tooLong = await apiError(bot.telegram.sendMessage(user.id, `${'&lt;'.repeat(4096)}x`, { parse_mode: 'HTML' }));
    expect(tooLong.description).toBe('Bad Request: message is too long');
    const empty = await apiError(bot.telegram.sendMessage(user.id, '<b> </b>', { parse_mode: 'HTML' }));
    expect(empty.description).toBe('Bad Request: message text is empty');
  });

  it('refuses callback_data over 64 bytes (bytes, not characters)', async () => {
    const bot = client();
    const keyboard = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: data }]] } });
    await bot.telegram.sendMessage(user.id, 'ok', keyboard('a'.repeat(64)));
    const error = await apiError(bot.telegram.sendMessage(user.id, 'too much', keyboard('注'.repeat(22))));
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('edits a message (keeping every version) and refuses an edit that changes nothing', async () => {
    const bot = client();
    const sent = await bot.telegram.sendMessage(user.id, 'draft');
    await bot.telegram.editMessageText(user.id, sent.message_id, undefined, '<i>final</i>', { parse_mode: 'HTML' });
    const stored = fake.botMessages(user.id)[0]!;
    expect(stored.versions.map((version) => version.text)).toEqual(['draft', 'final']);
    const error = await apiError(bot.telegram.editMessageText(user.id, sent.message_id, undefined, '<i>final</i>', { parse_mode: 'HTML' }));
    expect(error.description).toMatch(/message is not modified/);
    const missing = await apiError(bot.telegram.editMessageText(user.id, 999, undefined, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
  });

  it('takes a multipart photo upload with an HTML caption, and refuses a caption over 1,024 characters', async () => {
    const bot = client();
    await bot.telegram.sendPhoto(user.id, { source: PNG, filename: 'attention.png' }, { caption: '<b>Attention</b> map', parse_mode: 'HTML' });
    const [call] = fake.callsTo('sendPhoto');
    expect(call!.files['photo']).toMatchObject({ png: true, size: PNG.length });
    expect(fake.botMessages(user.id)[0]!.message.caption).toBe('Attention map');
    const error = await apiError(bot.telegram.sendPhoto(user.id, { source: PNG }, { caption: 'x'.repeat(1025) }));
    expect(error.description).toBe('Bad Request: message caption is too long');
  });

  it('records chat actions, command menus per scope and language, and chat members', async () => {
    const bot = client();
    await bot.telegram.sendChatAction(user.id, 'typing');
    await apiError(bot.telegram.sendChatAction(user.id, 'dancing' as 'typing'));
    await bot.telegram.setMyCommands([{ command: 'explain', description: '讲解' }], { scope: { type: 'all_private_chats' }, language_code: 'zh' });
    await bot.telegram.setMyCommands([{ command: 'explain', description: 'Explain' }], { scope: { type: 'all_group_chats' } });
    expect(await bot.telegram.getMyCommands({ scope: { type: 'all_private_chats' }, language_code: 'zh' })).toEqual([{ command: 'explain', description: '讲解' }]);
    expect(fake.state.commandMenus.get('all_group_chats|')).toEqual([{ command: 'explain', description: 'Explain' }]);
    await apiError(bot.telegram.setMyCommands([{ command: 'Bad-Name', description: 'x' }]));

    const group = groupChat(-100300);
    fake.pushGroupMessage(group, user, 'hello');
    fake.setChatMember(group.id, user.id, 'administrator');
    expect((await bot.telegram.getChatMember(group.id, user.id)).status).toBe('administrator');
    expect((await bot.telegram.getChatMember(group.id, 99)).status).toBe('member');
  });

  it('answers 429 with parameters.retry_after when told to, then serves the retry', async () => {
    const bot = client();
    fake.failNext('sendMessage', { code: 429, retryAfter: 3 });
    const error = await apiError(bot.telegram.sendMessage(user.id, 'first try'));
    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBe(3);
    await bot.telegram.sendMessage(user.id, 'second try');
    expect(fake.botMessages(user.id).map((stored) => stored.message.text)).toEqual(['second try']);
    expect(fake.callsTo('sendMessage').map((call) => call.status)).toEqual([429, 200]);
  });

  it('answers 401 to a wrong token and 403 to a person who never started the bot', async () => {
    expect((await apiError(client('999:wrong').telegram.getMe())).code).toBe(401);
    expect((await apiError(client().telegram.sendMessage(424242, 'hi'))).code).toBe(403);
  });
});

describe('fake Telegram: the HTML parser', () => {
  it('decodes numeric entities, nests tags, and reports offsets in UTF-16 units', () => {
    const parsed = parseTelegramHtml('😀 <b>a<i>&#x4e2d;</i></b><pre><code class="language-ts">&quot;x&quot;</code></pre>');
    expect(parsed).toEqual({
      ok: true,
      text: '😀 a中"x"',
      entities: [
        { type: 'italic', offset: 4, length: 1 },
        { type: 'bold', offset: 3, length: 2 },
        { type: 'code', offset: 5, length: 3, language: 'ts' },
        { type: 'pre', offset: 5, length: 3 },
      ],
    });
  });

  it('accepts > and quotes in text but not an unknown named entity or an a tag without a URL', () => {
    expect(parseTelegramHtml('a > b "c"')).toMatchObject({ ok: true, text: 'a > b "c"' });
    expect(parseTelegramHtml('&nbsp;')).toMatchObject({ ok: false });
    expect(parseTelegramHtml('<a href="javascript:x">y</a>')).toMatchObject({ ok: false });
  });
});

describe('fake Telegram: files', () => {
  it('takes a multipart document with an HTML caption, and refuses an empty one', async () => {
    const bot = client();
    const chat = groupChat(-500);
    fake.pushGroupMessage(chat, person(1), 'hi');
    const sent = await bot.telegram.sendDocument(chat.id, { source: Buffer.from('a,b\n1,2\n'), filename: 'r.csv' }, { caption: '<b>Results</b>', parse_mode: 'HTML' });
    expect(sent.document.file_name).toBe('r.csv');
    expect(fake.botMessages(chat.id)[0]!.message.caption).toBe('Results');
    expect(fake.callsTo('sendDocument')[0]!.files['document']!.bytes.toString()).toBe('a,b\n1,2\n');
    const empty = await apiError(bot.telegram.sendDocument(chat.id, { source: Buffer.alloc(0), filename: 'e.csv' }));
    expect(empty.description).toContain('file must be non-empty');
  });

  it('describes a person\'s document with getFile and serves its bytes at /file/bot<token>/<path> (401 for another token)', async () => {
    const bot = client();
    const user = person(2);
    const message = fake.pushDocument(privateChatOf(user), user, { name: 'q.csv', bytes: Buffer.from('question\n'), caption: '/quiz import' });
    expect(message.caption_entities?.[0]?.type).toBe('bot_command');
    const file = await bot.telegram.getFile(message.document!.file_id);
    expect(file.file_size).toBe(9);
    const ok = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await ok.text()).toBe('question\n');
    const wrong = await fetch(`${fake.apiRoot}/file/bot1:wrong/${file.file_path}`);
    expect(wrong.status).toBe(401);
    expect(fake.downloads.map((call) => call.status)).toEqual([200, 401]);
    expect((await apiError(bot.telegram.getFile('nope'))).description).toContain('invalid file_id');
  });

  it('accepts URL buttons with http(s) or tg links only, and records toast texts up to 200 characters', async () => {
    const bot = client();
    const user = person(3);
    fake.state.knowUser(user);
    await bot.telegram.sendMessage(user.id, 'open', { reply_markup: { inline_keyboard: [[{ text: 'Open', url: 'https://t.me/TutorTestBot?start=x' }]] } });
    const bad = await apiError(bot.telegram.sendMessage(user.id, 'open', { reply_markup: { inline_keyboard: [[{ text: 'Open', url: 'javascript:alert(1)' }]] } }));
    expect(bad.description).toContain('BUTTON_URL_INVALID');
    const [message] = fake.botMessages(user.id);
    const queryId = fake.pushCallbackQuery(user, message!.message, 'bdata');
    await bot.telegram.answerCbQuery(queryId, 'Answer recorded');
    expect(fake.state.queryAnswers.get(queryId)).toEqual({ text: 'Answer recorded', showAlert: false });
    const long = fake.pushCallbackQuery(user, message!.message, 'bdata');
    expect((await apiError(bot.telegram.answerCbQuery(long, 'x'.repeat(201)))).description).toContain('MESSAGE_TOO_LONG');
  });

  it('refuses a private message to a person who never started the bot, or who was forgotten', async () => {
    const bot = client();
    const user = person(4);
    fake.state.knowUser(user);
    await bot.telegram.sendMessage(user.id, 'hello');
    fake.state.forgetUser(user.id);
    expect((await apiError(bot.telegram.sendMessage(user.id, 'hello'))).code).toBe(403);
  });
});
