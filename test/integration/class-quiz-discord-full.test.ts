/**
 * A full class quiz through the REAL discord.js client against the local fake Discord on 127.0.0.1, with the real
 * engine on the offline runtime, in a guild channel: the teacher starts a quiz; students join and answer by pressing
 * the posted buttons; each question keeps its buttons while open and loses them when closed; a reveal per question,
 * a podium; the edit budget; results by DM or ephemerally; an import and a quiz on the imported questions. Time runs
 * SCALE times faster (test/support/class-quiz-scaled.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EDIT_INTERVAL_MS } from '../../src/adapters/discord/sender.js';
import { toPlainText } from '../../src/core/markdown.js';
import { startDiscordRig, type DiscordRig } from '../support/discord-rig.js';
import { buttonPress, CallbackType, EPHEMERAL_FLAG, MANAGER_PERMISSIONS, slashCommand, unsafeMentions, type FakeInteraction, type StoredMessage as DiscordMessage } from '../support/fake-discord/index.js';
import { messageJson } from '../support/fake-discord/messages.js';
import { CUSTOM, CUSTOM_CSV, DISCORD_EDITS_PER_WINDOW, DISCORD_EDIT_WINDOW_MS, LETTERS, SCALE, TIMING, WAIT_MS, bankQuestionIn, busiestWindow, csvRows, distribution } from '../support/class-quiz-scaled.js';

// ───────────────────────────────────────────── Discord ─────────────────────────────────────────────

const CHANNEL_ID = '300000000000000001';
const TEACHER_ID = '100000000000000007';

interface DiscordPerson {
  id: string;
  username: string;
}

/** Button ids on a stored Discord message, in order. */
function customIds(message: DiscordMessage): string[] {
  return (message.components as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((button) => button.custom_id));
}

function plain(message: DiscordMessage): string {
  return toPlainText(message.content);
}

/** A member presses a button on a message; resolves with the acknowledgement's text after checking it was private. */
async function pressDiscord(rig: DiscordRig, who: DiscordPerson, message: DiscordMessage, customId: string): Promise<string> {
  const pushed = rig.fake.interact(buttonPress({ customId, id: who.id, username: who.username, guild: {}, channelId: CHANNEL_ID, message: messageJson(message, rig.fake.bot) }));
  await rig.fake.waitUntil(() => rig.fake.callsOf(pushed.id).some((call) => call.route === 'callback' && call.status !== 0), WAIT_MS);
  const calls = rig.fake.callsOf(pushed.id);
  // One callback: an ephemeral reply (type 4) with the acknowledgement; nothing else for this press.
  expect(calls.map((call) => [call.route, call.status])).toEqual([['callback', 204]]);
  const body = calls[0]!.body as { type: number; data: { content: string; flags: number } };
  expect(body.type).toBe(CallbackType.Reply);
  expect(body.data.flags & EPHEMERAL_FLAG).toBe(EPHEMERAL_FLAG);
  expect(pushed.callback?.ephemeral).toBe(true);
  return body.data.content;
}

/** The first channel message after position `after` (in the channel's order) that matches, once `ready` holds. */
async function channelMessage(rig: DiscordRig, after: number, pattern: RegExp, what: string, ready: (message: DiscordMessage) => boolean = () => true): Promise<{ message: DiscordMessage; position: number }> {
  let found: { message: DiscordMessage; position: number } | undefined;
  await rig.fake
    .waitUntil(() => {
      const messages = rig.fake.channels.messagesIn(CHANNEL_ID);
      const position = messages.findIndex((message, i) => i > after && pattern.test(plain(message)) && ready(message));
      found = position === -1 ? undefined : { message: messages[position]!, position };
      return found !== undefined;
    }, WAIT_MS)
    .catch((error: unknown) => {
      throw new Error(`${what}: ${String(error)}`);
    });
  return found!;
}

/** A slash command from `who` in the class channel. */
function quizCommand(rig: DiscordRig, who: DiscordPerson, subcommand: string, options: { admin?: boolean; options?: Record<string, string | number>; attachments?: Record<string, Record<string, unknown>> } = {}): FakeInteraction {
  return rig.fake.interact(
    slashCommand({
      name: 'quiz',
      subcommand,
      id: who.id,
      username: who.username,
      guild: options.admin ? { permissions: MANAGER_PERMISSIONS } : {},
      channelId: CHANNEL_ID,
      ...(options.options ? { options: options.options } : {}),
      ...(options.attachments ? { attachments: options.attachments } : {}),
    }),
  );
}

/** The CSV a message call carried. */
function csvOf(rig: DiscordRig, predicate: (message: { route: string; interactionId?: string | undefined; channelId?: string | undefined; status: number }) => boolean): string[] {
  const sent = rig.fake.messages.find((message) => predicate(message) && message.status === 200 && message.files.length > 0);
  expect(sent?.files.map((file) => file.filename)).toEqual([expect.stringMatching(/^quiz-results-.+\.csv$/)]);
  return csvRows(sent!.files[0]!.bytes);
}

describe('a full class quiz in a Discord channel (discord.js + the fake Discord, real engine)', () => {
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('runs from /quiz start to the podium within the edit budget; results by DM or ephemerally; import and a custom quiz', { timeout: 90_000 }, async () => {
    rig = await startDiscordRig({ classQuizTiming: TIMING, editIntervalMs: EDIT_INTERVAL_MS / SCALE });
    const fake = rig.fake;
    const teacher: DiscordPerson = { id: TEACHER_ID, username: 'Teacher' };
    const [ann, bob, cy, dee] = ['Ann', 'Bob', 'Cy', 'Dee'].map((username, i) => ({ id: `10000000000000010${i}`, username })) as [DiscordPerson, DiscordPerson, DiscordPerson, DiscordPerson];
    const acks: string[] = [];
    const press = async (who: DiscordPerson, message: DiscordMessage, customId: string) => {
      const ack = await pressDiscord(rig!, who, message, customId);
      acks.push(ack);
      return ack;
    };

    // The teacher starts the quiz: the lobby answers the slash command (public), with a Join button.
    const started = quizCommand(rig, teacher, 'start', { admin: true, options: { topic: 'attention', questions: 3, seconds: 5, thread: 'off' } });
    await fake.waitUntil(() => started.originalFilled && (started.original?.components.length ?? 0) > 0, WAIT_MS);
    const lobby = started.original!;
    expect(started.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: false });
    expect(plain(lobby)).toMatch(/Class quiz: Attention/);
    const [join] = customIds(lobby);
    expect(await press(ann, lobby, join!)).toBe('You are in! 1 players.');
    expect(await press(ann, lobby, join!)).toBe('You are already in (1 players).');
    for (const student of [bob, cy, dee]) expect(await press(student, lobby, join!)).toMatch(/^You are in! \d players\.$/);

    // The same class as on Telegram: Ann right, Bob wrong, Cy twice on Q1, Dee late on Q1 and answering Q3.
    const questionMessages: DiscordMessage[] = [];
    let after = -1;
    for (let index = 0; index < 3; index++) {
      const { message: posted, position } = await channelMessage(rig, after, new RegExp(`^Question ${index + 1} of 3`), `question ${index + 1}`, (message) => message.components.length > 0);
      questionMessages.push(posted);
      after = position;
      const question = bankQuestionIn(posted.content);
      const buttons = customIds(posted);
      expect(buttons).toHaveLength(question.text.en.options.length);
      const wrongOption = (question.correct + 1) % buttons.length;
      const picks: number[] = [];
      expect(await press(ann, posted, buttons[question.correct]!)).toBe(`Answer ${LETTERS[question.correct]} recorded ✓`);
      picks.push(question.correct);
      expect(await press(bob, posted, buttons[wrongOption]!)).toMatch(/recorded/);
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

      const { message: reveal } = await channelMessage(rig, after, new RegExp(`^✅ Question ${index + 1}: ${LETTERS[question.correct]}\\.`), `reveal ${index + 1}`);
      expect(plain(reveal)).toContain(`📊 ${distribution(picks, buttons.length)}`);
      expect(reveal.components).toEqual([]);
      await fake.waitUntil(() => posted.components.length === 0, WAIT_MS);
      expect(plain(posted)).toContain(`⏱ Time's up: ${picks.length} answered.`);
      if (index === 0) expect(await press(dee, posted, buttons[question.correct]!)).toBe('This question is closed.');
    }

    const { message: podium, position: podiumAt } = await channelMessage(rig, after, /^🏁 Final results/, 'the podium');
    expect(plain(podium)).toMatch(/🥇 Ann: \d+/);
    expect(plain(podium)).toContain('4 players · 3 questions');

    // Each question message: posted with its buttons, every edit while open kept them, the last edit removed them.
    for (const posted of questionMessages) {
      const sent = fake.messages.filter((message) => message.messageId === posted.id);
      expect(sent[0]!.route).toBe('channel.post');
      const ids = customIds({ ...posted, components: sent[0]!.components ?? [] });
      expect(ids.length).toBeGreaterThanOrEqual(2);
      for (const update of sent.slice(0, -1)) expect(customIds({ ...posted, components: update.components ?? [] })).toEqual(ids);
      expect(sent.at(-1)!.route).toBe('channel.patch');
      expect(sent.at(-1)!.components).toEqual([]);
    }
    // Acknowledgements were ephemeral callbacks only: nothing about them in the channel.
    expect(acks).toHaveLength(17);
    expect(fake.channels.messagesIn(CHANNEL_ID).filter((message) => /recorded|already|You are in|is closed/.test(plain(message)))).toEqual([]);

    // /quiz results with the teacher's DMs closed: the CSV comes ephemerally in the interaction.
    fake.channels.closedDms.add(TEACHER_ID);
    const closedDm = quizCommand(rig, teacher, 'results', { admin: true });
    await fake.waitUntil(() => (closedDm.original?.attachments.length ?? 0) > 0, WAIT_MS);
    expect(closedDm.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: true });
    expect(closedDm.original!.flags & EPHEMERAL_FLAG).toBe(EPHEMERAL_FLAG);
    const rows = csvOf(rig, (message) => message.interactionId === closedDm.id);
    expect(rows[0]).toBe('"student","question","answer","correct","ms","points"');
    expect(rows).toHaveLength(1 + 10);
    expect(rows.filter((row) => row.startsWith('"Ann",')).every((row) => row.includes(',"yes",'))).toBe(true);
    // With DMs open: a DM with the CSV, and the private "thinking…" removed.
    fake.channels.closedDms.delete(TEACHER_ID);
    const openDm = quizCommand(rig, teacher, 'results', { admin: true });
    await fake.waitUntil(() => fake.callsOf(openDm.id).some((call) => call.route === 'original.delete' && call.status !== 0), WAIT_MS);
    const dm = fake.channels.dms.get(TEACHER_ID)!;
    expect(csvOf(rig, (message) => message.channelId === dm)).toEqual(rows);
    // The results never showed in the class channel.
    expect(fake.channels.messagesIn(CHANNEL_ID).slice(podiumAt + 1)).toEqual([]);

    // /quiz import: a member without Manage Server is refused (privately); the teacher's file is saved.
    const refused = await rig.answer(
      slashCommand({ name: 'quiz', subcommand: 'import', id: bob.id, username: bob.username, guild: {}, channelId: CHANNEL_ID, attachments: { file: fake.hostFile('mine.csv', Buffer.from(CUSTOM_CSV)) } }),
      WAIT_MS,
    );
    expect(refused.finished.reply.error?.code).toBe('admins_only');
    const refusal = fake.messages.filter((message) => message.interactionId === refused.interaction.id && message.content !== undefined);
    expect(refusal.map((message) => message.content)).toEqual([expect.stringContaining('admins')]);
    // The public "thinking…" gives way to an ephemeral follow-up: only Bob sees the refusal.
    expect(fake.callsOf(refused.interaction.id).map((call) => call.route)).toEqual(['callback', 'original.delete', 'followup.post']);
    expect(refusal.map((message) => (message.flags ?? 0) & EPHEMERAL_FLAG)).toEqual([EPHEMERAL_FLAG]);
    const imported = await rig.answer(
      slashCommand({ name: 'quiz', subcommand: 'import', id: teacher.id, username: teacher.username, guild: { permissions: MANAGER_PERMISSIONS }, channelId: CHANNEL_ID, attachments: { file: fake.hostFile('questions.csv', Buffer.from(CUSTOM_CSV)) } }),
      WAIT_MS,
    );
    expect(toPlainText(imported.finished.reply.text)).toContain('Saved 2 questions for this group');

    // A quiz on the imported questions.
    const custom = quizCommand(rig, teacher, 'start', { admin: true, options: { topic: 'custom', questions: 2, seconds: 5, thread: 'off' } });
    await fake.waitUntil(() => custom.originalFilled && (custom.original?.components.length ?? 0) > 0, WAIT_MS);
    expect(plain(custom.original!)).toContain("this group's own questions");
    expect(await press(ann, custom.original!, customIds(custom.original!)[0]!)).toBe('You are in! 1 players.');
    after = fake.channels.messagesIn(CHANNEL_ID).length - 1;
    const asked: string[] = [];
    const customPosts: DiscordMessage[] = [];
    for (let index = 0; index < 2; index++) {
      const { message: posted, position } = await channelMessage(rig, after, new RegExp(`^Question ${index + 1} of 2`), `custom question ${index + 1}`);
      customPosts.push(posted);
      after = position;
      const item = CUSTOM.find((candidate) => plain(posted).includes(candidate.question));
      expect(item, plain(posted)).toBeDefined();
      asked.push(item!.question);
      expect(customIds(posted)).toHaveLength(item!.options.length);
      await channelMessage(rig, after, new RegExp(`^✅ Question ${index + 1}: ${LETTERS[item!.correct]}\\. ${item!.options[item!.correct]}`), `custom reveal ${index + 1}`);
    }
    expect(asked.sort()).toEqual(CUSTOM.map((item) => item.question).sort());
    await channelMessage(rig, after, /^🏁 Final results/, 'the custom podium');
    await fake.waitUntil(() => customPosts.every((posted) => posted.components.length === 0), WAIT_MS);

    // The edit budget: no channel message was edited more than 5 times within any 5 s; nothing was refused.
    const edits = new Map<string, number[]>();
    for (const message of fake.messages.filter((sent) => sent.route === 'channel.patch')) edits.set(message.messageId!, [...(edits.get(message.messageId!) ?? []), message.at]);
    expect(edits.size).toBeGreaterThanOrEqual(5);
    for (const times of edits.values()) expect(busiestWindow(times, DISCORD_EDIT_WINDOW_MS)).toBeLessThanOrEqual(DISCORD_EDITS_PER_WINDOW);
    expect(fake.calls.filter((call) => call.status >= 400 && !(call.route === 'channel.post' && call.status === 403))).toEqual([]);
    expect(unsafeMentions(fake.messages)).toEqual([]);
    expect(rig.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
