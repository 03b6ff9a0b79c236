/**
 * A class quiz in a thread of its own, through the REAL discord.js client against the fake Discord: by default the
 * thread starts from the lobby (the command's response) and takes the questions and reveals, the podium goes back
 * to the channel; `thread: off` keeps it all in the channel; a refused thread (no Create Public Threads) falls back
 * to the channel, logged once. Time runs SCALE times faster (class-quiz-scaled.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EDIT_INTERVAL_MS } from '../../src/adapters/discord/sender.js';
import { QUIZ_THREAD_ARCHIVE_MINUTES } from '../../src/adapters/discord/quiz-thread.js';
import { toPlainText } from '../../src/core/markdown.js';
import { startDiscordRig, type DiscordRig } from '../support/discord-rig.js';
import { MANAGER_PERMISSIONS, PUBLIC_THREAD, slashCommand, type FakeInteraction } from '../support/fake-discord/index.js';
import { SCALE, TIMING, WAIT_MS } from '../support/class-quiz-scaled.js';

const CHANNEL_ID = '300000000000000041';
const TEACHER_ID = '100000000000000047';

function texts(rig: DiscordRig, channelId: string): string[] {
  return rig.fake.channels.messagesIn(channelId).map((message) => toPlainText(message.content));
}

function start(rig: DiscordRig, options: Record<string, string | number> = {}): FakeInteraction {
  return rig.fake.interact(slashCommand({ name: 'quiz', subcommand: 'start', id: TEACHER_ID, username: 'Teacher', guild: { permissions: MANAGER_PERMISSIONS }, channelId: CHANNEL_ID, options: { topic: 'attention', questions: 1, seconds: 5, ...options } }));
}

/** Waits for the podium in the channel: the quiz (one question nobody answers) is over. */
async function podium(rig: DiscordRig): Promise<void> {
  await rig.fake.waitUntil(() => texts(rig, CHANNEL_ID).some((text) => text.startsWith('🏁 Final results')), WAIT_MS);
}

describe('a Discord class quiz in a thread', () => {
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('starts a thread from the lobby: questions and reveals there, the podium in the channel', { timeout: 30_000 }, async () => {
    rig = await startDiscordRig({ classQuizTiming: TIMING, editIntervalMs: EDIT_INTERVAL_MS / SCALE });
    const started = start(rig);
    await rig.fake.waitUntil(() => started.originalFilled && (started.original?.components.length ?? 0) > 0, WAIT_MS);
    const created = await rig.fake.waitForCall((call) => call.route === 'thread.create');
    expect(created.status).toBe(201);
    expect(created.path).toBe(`/channels/${CHANNEL_ID}/messages/${started.original!.id}/threads`);
    expect(created.body).toEqual({ name: 'Class quiz', auto_archive_duration: QUIZ_THREAD_ARCHIVE_MINUTES });
    const [thread] = [...rig.fake.threads.threads.values()];
    expect(rig.fake.threads.toJson(thread!)).toMatchObject({ type: PUBLIC_THREAD, parent_id: CHANNEL_ID });
    // The lobby stays the channel's one message from the command (the thread's starter); the rest is in the thread.
    expect(toPlainText(started.original!.content)).toMatch(/Class quiz: Attention/);

    await podium(rig);
    const inThread = texts(rig, thread!.id);
    expect(inThread.some((text) => /^Question 1 of 1/.test(text))).toBe(true);
    expect(inThread.some((text) => /^✅ Question 1:/.test(text))).toBe(true);
    expect(texts(rig, CHANNEL_ID)).toEqual([expect.stringMatching(/^🏁 Final results: Attention/)]);
  });

  it('keeps everything in the channel with thread: off', { timeout: 30_000 }, async () => {
    rig = await startDiscordRig({ classQuizTiming: TIMING, editIntervalMs: EDIT_INTERVAL_MS / SCALE });
    start(rig, { thread: 'off' });
    await podium(rig);
    expect(rig.fake.calls.filter((call) => call.route === 'thread.create')).toEqual([]);
    const inChannel = texts(rig, CHANNEL_ID);
    expect(inChannel.some((text) => /^Question 1 of 1/.test(text))).toBe(true);
    expect(inChannel.some((text) => /^✅ Question 1:/.test(text))).toBe(true);
  });

  it('falls back to the channel when Discord refuses the thread (no Create Public Threads), logged once', { timeout: 40_000 }, async () => {
    rig = await startDiscordRig({ classQuizTiming: TIMING, editIntervalMs: EDIT_INTERVAL_MS / SCALE });
    rig.fake.threads.noThreadRights.add(CHANNEL_ID);
    for (let round = 0; round < 2; round++) {
      const before = texts(rig, CHANNEL_ID).length;
      start(rig);
      await rig.fake.waitUntil(() => texts(rig!, CHANNEL_ID).slice(before).some((text) => text.startsWith('🏁 Final results')), WAIT_MS);
      expect(texts(rig, CHANNEL_ID).slice(before).some((text) => /^Question 1 of 1/.test(text))).toBe(true);
    }
    const refusals = rig.fake.calls.filter((call) => call.route === 'thread.create');
    expect(refusals.map((call) => call.status)).toEqual([403, 403]);
    expect(rig.logger.entries.filter((entry) => entry.message?.includes('quiz thread was refused'))).toHaveLength(1);
    expect(rig.fake.threads.threads.size).toBe(0);
  });
});
