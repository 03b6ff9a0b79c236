/**
 * The Discord side of class quizzes, with the real discord.js client against the fake Discord (offline runtime).
 * The quiz engine's deliveries are simulated through `adapter.deliver(...)` (a question streamed with its buttons,
 * then closed; reveals), and the core's edge answers through a stubbed `tutor.dispatch`: worker-started messages
 * posted in the channel with the bot token, ephemeral acknowledgements, files, DMs with their fallback, imported
 * files fetched and size-checked, and who counts as an admin.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTERACTION_TOKEN_USABLE_MS } from '../../src/adapters/discord/route.js';
import { encodeAttachment, MAX_ATTACHMENT_BYTES } from '../../src/core/attachments.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import type { Dispatch, TypedInvocation } from '../../src/core/tutor.js';
import { startDiscordRig, TEST_EDIT_INTERVAL_MS, type DiscordRig, type DiscordRigOptions } from '../support/discord-rig.js';
import { buttonPress, CallbackType, DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG, MANAGER_PERMISSIONS, slashCommand, unsafeMentions, type SentMessage } from '../support/fake-discord/index.js';

let rig: DiscordRig | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await rig?.close();
  rig = undefined;
});

// The wall clock the adapter reads for token ages; a test moves it forward.
let clockOffsetMs = 0;
async function start(options: DiscordRigOptions = {}): Promise<DiscordRig> {
  clockOffsetMs = 0;
  rig = await startDiscordRig({ ...options, adapter: { now: () => Date.now() + clockOffsetMs, ...options.adapter } });
  return rig;
}

const CHANNEL_ID = '300000000000000001';
const TEACHER_ID = '100000000000000007';
const ANSWER_BUTTONS = ['A', 'B', 'C', 'D'].map((label, i) => ({ id: `qa${i}xyz`, label: `${label}. option ${i}` }));

function quizReply(text: string, extra: Partial<Reply> = {}): Reply {
  return { command: 'quiz', locale: 'en', text, buttons: [], ...extra };
}

/** The route a public command in the server channel gets (as `/quiz start` would): taken from a real dispatch. */
async function startRoute(discord: DiscordRig): Promise<Record<string, string>> {
  await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {}, channelId: CHANNEL_ID }));
  const route = discord.deliveries.at(-1)?.address.route;
  expect(route?.['discordChannel']).toBe(CHANNEL_ID);
  return route!;
}

function delivery(correlationId: string, route: Record<string, string>, reply: Reply, final: boolean, n = 0): Delivery {
  return {
    id: final ? `final-${correlationId}` : `${correlationId}-u${n}`,
    address: { platform: 'discord', chatId: CHANNEL_ID, userId: TEACHER_ID, correlationId, outbox: 'outbox-discord', route },
    reply,
    final,
  };
}

function channelMessages(discord: DiscordRig): SentMessage[] {
  return discord.fake.messages.filter((message) => message.channelId !== undefined);
}

function buttonIdsOf(components: unknown[] | undefined): string[] {
  return ((components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((button) => button.custom_id));
}

/** Every message: accepted, within limits, mentions off, no errors logged. */
function expectSafe(discord: DiscordRig): void {
  for (const message of discord.fake.messages) {
    expect(message.status, message.content).toBeLessThan(300);
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
  }
  expect(unsafeMentions(discord.fake.messages)).toEqual([]);
  expect(discord.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
}

/** Replaces the core's dispatch (the engine answers at the edge, or is not built yet) and records what it got. */
function stubDispatch(discord: DiscordRig, answer: (invocation: TypedInvocation, correlationId: string) => Promise<Dispatch>) {
  const seen: { invocation: TypedInvocation; correlationId: string; route: Record<string, string> | undefined; at: number }[] = [];
  vi.spyOn(discord.runtime.tutor, 'dispatch').mockImplementation(async (invocation, address = {}) => {
    const correlationId = address.correlationId ?? 'missing-correlation';
    seen.push({ invocation, correlationId, route: address.route, at: performance.now() });
    return answer(invocation, correlationId);
  });
  return seen;
}

const queued = (correlationId: string): Dispatch => ({ kind: 'queued', correlationId, queue: 'fast', jobId: 'stub', locale: 'en' });

describe('Discord class quiz: worker-started messages in the channel', () => {
  it('posts a question with its buttons, keeps them on every paced edit, and the final removes them', async () => {
    const discord = await start();
    const route = await startRoute(discord);
    const before = discord.fake.calls.length;
    const key = 'qzclass0001q1';
    for (let n = 0; n < 4; n++) await discord.adapter.deliver(delivery(key, route, quizReply(`**Question 1**\n\nWhat does attention do?\n\n${n * 4} answered`, { buttons: ANSWER_BUTTONS }), false, n));
    await new Promise((resolve) => setTimeout(resolve, TEST_EDIT_INTERVAL_MS * 2));
    await discord.adapter.deliver(delivery(key, route, quizReply('**Question 1** (closed)\n\n12 answered'), true));
    await discord.fake.waitUntil(() => discord.finished.has(key));

    const calls = discord.fake.calls.slice(before);
    // Not a word through the interaction's webhook: this message belongs to the channel.
    expect(calls.filter((call) => call.interactionId !== undefined)).toEqual([]);
    expect(calls.every((call) => call.authorized && call.channelId === CHANNEL_ID)).toBe(true);
    const sent = channelMessages(discord);
    expect(sent[0]).toMatchObject({ route: 'channel.post', status: 200 });
    expect(sent.slice(1).every((message) => message.route === 'channel.patch' && message.messageId === sent[0]!.messageId)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    const ids = ANSWER_BUTTONS.map((button) => button.id);
    for (const update of sent.slice(0, -1)) expect(buttonIdsOf(update.components)).toEqual(ids);
    expect(sent.at(-1)!.components).toEqual([]);
    expect(sent.at(-1)!.content).toContain('closed');
    // Coalesced and paced: at most one call per interval for this message.
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(TEST_EDIT_INTERVAL_MS - 5);
    expect(sent.length).toBeLessThan(6);
    const stored = discord.fake.channels.messagesIn(CHANNEL_ID);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.components).toEqual([]);
    expect(stored[0]!.content).toContain('12 answered');
    expectSafe(discord);
  });

  it('posts single finals (a reveal, a leaderboard) as new messages, with mentions defused', async () => {
    const discord = await start();
    const route = await startRoute(discord);
    await discord.adapter.deliver(delivery('qzclass0001r1', route, quizReply('Right answer: **B**. @everyone look'), true));
    await discord.adapter.deliver(delivery('qzclass0001lb', route, quizReply('Leaderboard\n\n1. Ann 950'), true));
    expect(channelMessages(discord).map((message) => message.route)).toEqual(['channel.post', 'channel.post']);
    expect(discord.fake.channels.messagesIn(CHANNEL_ID).map((message) => message.content)).toEqual(['Right answer: **B**. @\u200beveryone look', 'Leaderboard\n\n1. Ann 950']);
    expect(discord.fake.channels.messagesIn(CHANNEL_ID).every((message) => message.components.length === 0)).toBe(true);
    expectSafe(discord);
  });

  it('after the token has expired, the command’s own reply goes to the channel; a private one goes nowhere', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const pushed = discord.fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {}, channelId: CHANNEL_ID }));
    await discord.fake.waitUntil(() => seen.length === 1);
    const { correlationId, route } = seen[0]!;
    expect(route).toMatchObject({ discordAnswers: correlationId, discordChannel: CHANNEL_ID, discordMode: 'reply', discordEphemeral: '0' });
    clockOffsetMs = INTERACTION_TOKEN_USABLE_MS + 1_000;
    await discord.adapter.deliver(delivery(correlationId, route!, quizReply('Quiz over: podium'), true));
    await discord.adapter.deliver(delivery('qzclass0001ak', route!, quizReply('Counted!', { askerOnly: true }), true));
    expect(discord.fake.callsOf(pushed.id).map((call) => call.route)).toEqual(['callback']);
    expect(discord.fake.channels.messagesIn(CHANNEL_ID).map((message) => message.content)).toEqual(['Quiz over: podium']);
    expect(discord.logger.entries.some((entry) => entry.level === 'warn' && /nowhere to send this reply/.test(entry.message ?? ''))).toBe(true);
  });

  it('attaches a reply file (CSV) in the channel and in an interaction reply', async () => {
    const discord = await start();
    const route = await startRoute(discord);
    const csv = 'student,question,answer,correct,ms,points\nAnn,1,B,true,2300,954\n';
    const file = { name: 'results.csv', mime: 'text/csv' as const, base64: Buffer.from(csv).toString('base64') };
    await discord.adapter.deliver(delivery('qzclass0001cs', route, quizReply('Results', { file }), true));
    const [posted] = channelMessages(discord);
    expect(posted!.files.map((sent) => [sent.filename, sent.contentType, sent.bytes.toString()])).toEqual([['results.csv', 'text/csv', csv]]);
    expect(posted!.attachments).toEqual([{ id: 0, filename: 'results.csv' }]);

    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const pushed = discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'results', guild: { permissions: MANAGER_PERMISSIONS } }));
    await discord.fake.waitUntil(() => seen.length === 1);
    await discord.adapter.deliver(delivery(seen[0]!.correlationId, seen[0]!.route!, quizReply('Results', { file }), true));
    const edit = discord.fake.messages.find((message) => message.interactionId === pushed.id && message.route === 'original.patch');
    expect(edit?.files.map((sent) => sent.bytes.toString())).toEqual([csv]);
    expectSafe(discord);
  });
});

describe('Discord class quiz: answers at the edge', () => {
  const ack = quizReply('Answer B recorded. Good luck!', { askerOnly: true });

  it('answers a quiz button with one ephemeral callback (no deferral, nothing in the channel)', async () => {
    const discord = await start();
    vi.spyOn(discord.runtime.tutor, 'readButton').mockResolvedValue({ command: 'quiz', subcommand: 'play', args: { q: 'qz1', i: 0, o: 1 }, user: { id: '1' }, chat: { id: CHANNEL_ID, kind: 'group' }, platform: 'discord' });
    const seen = stubDispatch(discord, async () => ({ kind: 'answered', reply: ack }));
    const pushed = discord.fake.interact(buttonPress({ customId: 'qa1xyz', guild: {}, channelId: CHANNEL_ID }));
    await discord.fake.waitUntil(() => pushed.callback !== undefined);
    const calls = discord.fake.callsOf(pushed.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ route: 'callback', status: 204, body: { type: CallbackType.Reply, data: { content: 'Answer B recorded. Good luck!', allowed_mentions: { parse: [] } } } });
    expect(((calls[0]!.body as { data: { flags: number } }).data.flags & EPHEMERAL_FLAG) !== 0).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.invocation).toMatchObject({ command: 'quiz', subcommand: 'play' });
    expect(channelMessages(discord)).toEqual([]);
    expectSafe(discord);
  });

  it('defers ephemerally and edits in the acknowledgement when the answer takes longer than the budget', async () => {
    const discord = await start({ adapter: { edgeAnswerBudgetMs: 50 } });
    vi.spyOn(discord.runtime.tutor, 'readButton').mockResolvedValue({ command: 'quiz', subcommand: 'join', args: { q: 'qz1' }, user: { id: '1' }, chat: { id: CHANNEL_ID, kind: 'group' }, platform: 'discord' });
    stubDispatch(discord, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { kind: 'answered', reply: ack };
    });
    const pushed = discord.fake.interact(buttonPress({ customId: 'qj1xyz', guild: {}, channelId: CHANNEL_ID }));
    await discord.fake.waitUntil(() => discord.fake.callsOf(pushed.id).some((call) => call.route === 'original.patch' && call.status === 200));
    const calls = discord.fake.callsOf(pushed.id);
    expect(calls.map((call) => call.route)).toEqual(['callback', 'original.patch']);
    expect(pushed.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: true });
    expect(pushed.original?.content).toBe('Answer B recorded. Good luck!');
    expect(channelMessages(discord)).toEqual([]);
    expectSafe(discord);
  });
});

describe('Discord class quiz: results privately', () => {
  const csv = 'student,question\nAnn,1\n';
  const results = quizReply('Results of the quiz', {
    file: { name: 'results.csv', mime: 'text/csv', base64: Buffer.from(csv).toString('base64') },
    directMessage: { startParam: 'res_abc', fallbackText: 'I could not message you privately.', linkLabel: 'Open' },
  });

  async function resultsCommand(discord: DiscordRig) {
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const pushed = discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'results', id: TEACHER_ID, guild: { permissions: MANAGER_PERMISSIONS }, channelId: CHANNEL_ID }));
    await discord.fake.waitUntil(() => seen.length === 1);
    // Private from the start: only the teacher sees "thinking…".
    expect(pushed.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: true });
    return { pushed, correlationId: seen[0]!.correlationId, route: seen[0]!.route! };
  }

  it('sends the CSV to the teacher’s DMs and removes the private “thinking…”', async () => {
    const discord = await start();
    const { pushed, correlationId, route } = await resultsCommand(discord);
    await discord.adapter.deliver(delivery(correlationId, route, results, true));
    const open = discord.fake.calls.find((call) => call.route === 'dm.open');
    expect(open?.body).toEqual({ recipient_id: TEACHER_ID });
    const dm = discord.fake.channels.dms.get(TEACHER_ID)!;
    const [sent] = discord.fake.channels.messagesIn(dm);
    expect(sent?.content).toBe('Results of the quiz');
    expect(sent?.attachments.map((file) => file.filename)).toEqual(['results.csv']);
    expect(discord.fake.callsOf(pushed.id).map((call) => call.route)).toEqual(['callback', 'original.delete']);
    expect(discord.fake.channels.messagesIn(CHANNEL_ID)).toEqual([]);
    expectSafe(discord);
  });

  it('answers ephemerally with the file when the teacher’s DMs are closed', async () => {
    const discord = await start();
    discord.fake.channels.closedDms.add(TEACHER_ID);
    const { pushed, correlationId, route } = await resultsCommand(discord);
    await discord.adapter.deliver(delivery(correlationId, route, results, true));
    const dmPost = discord.fake.calls.find((call) => call.route === 'channel.post');
    expect(dmPost?.status).toBe(403);
    expect(discord.fake.callsOf(pushed.id).map((call) => call.route)).toEqual(['callback', 'original.patch']);
    expect(pushed.original?.flags).toBe(EPHEMERAL_FLAG);
    expect(pushed.original?.attachments.map((file) => file.filename)).toEqual(['results.csv']);
    expect(discord.fake.channels.messagesIn(CHANNEL_ID)).toEqual([]);
    expect(JSON.stringify(discord.logger.entries)).not.toContain(pushed.token);
  });
});

describe('Discord class quiz: /quiz import files', () => {
  const csv = Buffer.from('question,a,b,c,d,answer\nWhat is attention?,x,y,z,w,a\n');

  it('defers first, then downloads the attachment and passes it encoded', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const file = discord.fake.hostFile('questions.csv', csv);
    const pushed = discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file }, guild: { permissions: MANAGER_PERMISSIONS } }));
    await discord.fake.waitUntil(() => seen.length === 1);
    expect(seen[0]!.invocation.args['file']).toBe(encodeAttachment({ name: 'questions.csv', size: csv.length, bytes: csv }));
    expect(seen[0]!.invocation.user.chatAdmin).toBe(true);
    expect(discord.fake.downloads).toEqual([file['id']]);
    const download = discord.fake.calls.find((call) => call.route === 'attachment.get')!;
    expect(pushed.callback!.at).toBeLessThan(download.at);
    expect(download.authorized).toBe(false);
  });

  it('does not download a file over the limit: the core gets its name and size', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const big = discord.fake.hostFile('big.csv', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 'a'));
    discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file: big }, guild: { permissions: MANAGER_PERMISSIONS } }));
    await discord.fake.waitUntil(() => seen.length === 1);
    expect(seen[0]!.invocation.args['file']).toBe(`big.csv|size=${MAX_ATTACHMENT_BYTES + 1}`);
    expect(discord.fake.downloads).toEqual([]);
  });

  it('stops reading a file bigger than its reported size at the limit', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const liar = discord.fake.hostFile('small.csv', Buffer.alloc(MAX_ATTACHMENT_BYTES * 2, 'a'), { size: 100 });
    discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file: liar }, guild: { permissions: MANAGER_PERMISSIONS } }));
    await discord.fake.waitUntil(() => seen.length === 1);
    const value = String(seen[0]!.invocation.args['file']);
    expect(value).toMatch(/^small\.csv\|size=\d+$/);
    expect(Number(value.split('=')[1])).toBeGreaterThan(MAX_ATTACHMENT_BYTES);
  });

  it('refuses a file URL outside Discord’s CDN: nothing fetched, a clear private error, no dispatch', async () => {
    const discord = await start({ adapter: { attachmentOrigins: ['https://cdn.discordapp.com'] } });
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const file = discord.fake.hostFile('questions.csv', csv);
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file }, guild: { permissions: MANAGER_PERMISSIONS }, locale: 'zh-CN' }));
    expect(seen).toEqual([]);
    expect(discord.fake.downloads).toEqual([]);
    expect(finished.reply.error?.code).toBe('timeout');
    expect(finished.reply.locale).toBe('zh');
    expect(interaction.callback?.ephemeral || discord.fake.messages.filter((message) => message.interactionId === interaction.id).every((message) => ((message.flags ?? 0) & EPHEMERAL_FLAG) !== 0)).toBe(true);
    expect(JSON.stringify(discord.logger.entries)).not.toContain(String(file['url']));
  });

  it('downloads nothing for a member without Manage Server, or in a DM: a private refusal, no dispatch', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    const file = discord.fake.hostFile('questions.csv', csv);
    const member = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file }, guild: {} }));
    const direct = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'import', attachments: { file }, locale: 'zh-CN' }));
    expect(member.finished.reply.error?.code).toBe('admins_only');
    expect(direct.finished.reply.error?.code).toBe('import_group_only');
    expect(direct.finished.reply.text).toContain('请在要举办测验的群里导入题目');
    expect(seen).toEqual([]);
    expect(discord.fake.downloads).toEqual([]);
  });
});

describe('Discord class quiz: who is an admin', () => {
  it('sets chatAdmin for Manage Server on /quiz stop and skip, not for other members', async () => {
    const discord = await start();
    const seen = stubDispatch(discord, async (_invocation, correlationId) => queued(correlationId));
    discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'stop', guild: { permissions: MANAGER_PERMISSIONS } }));
    discord.fake.interact(slashCommand({ name: 'quiz', subcommand: 'skip', guild: {} }));
    await discord.fake.waitUntil(() => seen.length === 2);
    const bySubcommand = Object.fromEntries(seen.map((entry) => [entry.invocation.subcommand, entry.invocation.user.chatAdmin]));
    expect(bySubcommand).toEqual({ stop: true, skip: false });
  });
});
