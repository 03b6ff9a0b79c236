/**
 * The Discord adapter with the real discord.js client against the fake Discord, on the offline runtime (in-process
 * queue, memory state) with a scripted model: deferral first, edits and follow-ups within Discord's limits,
 * streaming paced, buttons, autocomplete, attachments, languages, server defaults, errors and 429s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderDiscordMarkdown } from '../../src/adapters/discord/render.js';
import { t } from '../../src/core/i18n.js';
import { LOCALE_NAMES } from '../../src/core/locale.js';
import { HOSTILE_MODEL_TEXT, longModelKit, startDiscordRig, TEST_EDIT_INTERVAL_MS, type DiscordRig, type DiscordRigOptions } from '../support/discord-rig.js';
import { autocomplete, buttonPress, CallbackType, DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG, MANAGER_PERMISSIONS, slashCommand, unsafeMentions, type FakeInteraction } from '../support/fake-discord/index.js';
import { STACK_TRACE } from '../unit/fixtures.js';

let rig: DiscordRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function start(options: DiscordRigOptions = {}): Promise<DiscordRig> {
  rig = await startDiscordRig(options);
  return rig;
}

/** Every message of the run: within Discord's limits, mentions off, accepted by the fake, no internals shown. */
function expectSafeMessages(discord: DiscordRig): void {
  expect(discord.fake.messages.length).toBeGreaterThan(0);
  for (const message of discord.fake.messages) {
    expect(message.status, message.content).toBeLessThan(300);
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
    expect(message.content ?? '').not.toMatch(STACK_TRACE);
  }
  expect(unsafeMentions(discord.fake.messages)).toEqual([]);
  expect(discord.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
}

function buttonIds(interaction: FakeInteraction): string[] {
  const rows = (interaction.original?.components ?? []) as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}

describe('Discord adapter, offline runtime', () => {
  it('defers a lesson publicly before any queue work, then edits it in with buttons', async () => {
    const discord = await start();
    const { interaction } = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {} }));
    const calls = discord.fake.callsOf(interaction.id);
    expect(calls[0]).toMatchObject({ route: 'callback', status: 204, body: { type: CallbackType.DeferReply } });
    expect((calls[0]!.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    expect(discord.submissions).toHaveLength(1);
    expect(calls[0]!.at).toBeLessThan(discord.submissions[0]!);
    expect(calls.slice(1).map((call) => call.route)).toEqual(['original.patch']);
    expect(interaction.original?.content).toContain('Attention');
    const ids = buttonIds(interaction);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.length <= 12)).toBe(true);
    expectSafeMessages(discord);
  });

  it('answers in the client language: zh-CN Simplified, zh-TW Traditional, in a DM too', async () => {
    const discord = await start();
    const simplified = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, locale: 'zh-CN' }));
    expect(simplified.interaction.original?.content).toContain('注意力机制');
    const traditional = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, locale: 'zh-TW', guild: {} }));
    expect(traditional.interaction.original?.content).toContain('注意力機制');
    expect(traditional.finished.reply.locale).toBe('zh-Hant');
    expectSafeMessages(discord);
  });

  it('streams /generate with edits no faster than the interval, then the whole text', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'generate', options: { prompt: 'Attention is', max_new_tokens: 60 }, guild: {} }));
    const edits = discord.fake.callsOf(interaction.id).filter((call) => call.route === 'original.patch');
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(TEST_EDIT_INTERVAL_MS - 5);
    expect(finished.reply.error).toBeUndefined();
    expect(interaction.original?.content).toContain('attention lets every token look back');
    expectSafeMessages(discord);
  });

  it('splits a long, hostile model reply into follow-ups of ≤ 2,000 characters with nothing parsed as markup', async () => {
    const discord = await start({ model: longModelKit() });
    const { interaction } = await discord.answer(slashCommand({ name: 'generate', options: { prompt: 'go' }, guild: {} }));
    expect(interaction.followUps.length).toBeGreaterThanOrEqual(2);
    const all = [interaction.original!, ...interaction.followUps].map((message) => message.content).join('\n');
    expect(all).not.toMatch(/(^|[^\\])\[click\]\(/);
    expect(all).not.toContain('@everyone');
    expect(all).not.toMatch(/^#/m);
    expect(all.replace(/\\/g, '')).toContain('word word');
    const pieces = HOSTILE_MODEL_TEXT.split('\n\n').length;
    expect(pieces).toBeGreaterThan(10);
    expectSafeMessages(discord);
  });

  it('acts on a lesson button: deferred update, then the answer as a new message', async () => {
    const discord = await start();
    const lesson = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {} }));
    const [buttonId] = buttonIds(lesson.interaction);
    const press = await discord.answer(buttonPress({ customId: buttonId!, guild: {}, appId: discord.fake.appId }));
    const calls = discord.fake.callsOf(press.interaction.id);
    expect(calls[0]).toMatchObject({ route: 'callback', body: { type: CallbackType.DeferUpdate } });
    expect(calls.slice(1).map((call) => call.route)).toContain('followup.post');
    expect(press.interaction.followUps[0]?.flags ?? 0).not.toBe(EPHEMERAL_FLAG);
    expect(press.finished.reply.error).toBeUndefined();
    expectSafeMessages(discord);
  });

  it('tells only the presser when a button is unknown or expired', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(buttonPress({ customId: 'bNoSuchButt0', locale: 'zh-CN', guild: {} }));
    expect(finished.reply.error?.code).toBe('button_expired');
    expect(interaction.followUps[0]!.flags & EPHEMERAL_FLAG).toBe(EPHEMERAL_FLAG);
    expect(interaction.followUps[0]!.content).toBe(renderDiscordMarkdown(t('zh', 'errors.button_expired')));
    expectSafeMessages(discord);
  });

  it('defers a sure error privately and explains it in the user\'s language', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'generate', options: { top_p: 2 }, locale: 'zh-CN', guild: {} }));
    expect(interaction.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: true });
    expect(finished.reply.error?.code).toBeDefined();
    expect(discord.submissions).toHaveLength(0);
    expect(interaction.original?.content).toMatch(/[\u4e00-\u9fff]/);
    expectSafeMessages(discord);
  });

  it('moves an error found after a public deferral (rate limit) into a private follow-up', async () => {
    const discord = await start();
    let limited: Awaited<ReturnType<DiscordRig['answer']>> | undefined;
    // The model queue allows a few commands at once per user; the next one is refused.
    for (let i = 0; i < 12 && !limited; i++) {
      const answer = await discord.answer(slashCommand({ name: 'attention', options: { text: `hello ${i}` }, guild: {} }));
      if (answer.finished.reply.error) limited = answer;
    }
    expect(limited?.finished.reply.error?.code).toBe('rate_limited');
    const calls = discord.fake.callsOf(limited!.interaction.id).map((call) => call.route);
    expect(calls).toEqual(['callback', 'original.delete', 'followup.post']);
    expect(limited!.interaction.followUps[0]!.flags & EPHEMERAL_FLAG).toBe(EPHEMERAL_FLAG);
    expectSafeMessages(discord);
  });

  it('sends /attention\'s heatmap as a PNG attachment with alt text', async () => {
    const discord = await start();
    const { interaction } = await discord.answer(slashCommand({ name: 'attention', options: { text: 'the cat sat' }, guild: {} }));
    const withFile = discord.fake.messages.find((message) => message.interactionId === interaction.id && message.files.length > 0);
    expect(withFile?.files[0]?.bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(withFile?.attachments[0]?.description?.length).toBeGreaterThan(0);
    expect(interaction.original?.attachments[0]?.description).toBe(withFile?.attachments[0]?.description);
    expectSafeMessages(discord);
  });

  it('autocompletes topics in the user\'s language, matching Chinese and English', async () => {
    const discord = await start();
    const pushed = discord.fake.interact(autocomplete({ name: 'explain', options: { topic: '注意' }, focused: 'topic', locale: 'zh-CN' }));
    const call = await discord.fake.waitForCall((candidate) => candidate.interactionId === pushed.id);
    const choices = (call.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(call.body).toMatchObject({ type: CallbackType.Autocomplete });
    expect(choices[0]).toEqual({ name: '注意力机制 · Attention', value: 'attention' });
    const english = discord.fake.interact(autocomplete({ name: 'quiz', subcommand: 'practice', options: { topic: 'soft' }, focused: 'topic' }));
    const englishCall = await discord.fake.waitForCall((candidate) => candidate.interactionId === english.id);
    expect(englishCall.status).toBe(204);
  });

  it('lets only Manage Server set the server language, which members without a supported locale then get', async () => {
    const discord = await start();
    const denied = await discord.answer(slashCommand({ name: 'lang', options: { language: 'zh', scope: 'group' }, guild: {} }));
    expect(denied.finished.reply.error?.code).toBe('admins_only');
    expect(denied.interaction.callback?.ephemeral).toBe(true);
    const allowed = await discord.answer(slashCommand({ name: 'lang', options: { language: 'zh-Hant', scope: 'group' }, guild: { permissions: MANAGER_PERMISSIONS } }));
    expect(allowed.finished.reply.error).toBeUndefined();
    expect(allowed.interaction.original?.content).toContain(LOCALE_NAMES['zh-Hant']);
    const member = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, locale: 'fr', id: '100000000000000777', guild: {} }));
    expect(member.finished.reply.locale).toBe('zh-Hant');
    expectSafeMessages(discord);
  });

  it('waits out a 429 on an edit and still delivers the final text', async () => {
    const discord = await start();
    discord.fake.rateLimitNext('original.patch', { retryAfterMs: 300 });
    const { interaction } = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'tokens' } }));
    const edits = discord.fake.callsOf(interaction.id).filter((call) => call.route === 'original.patch');
    expect(edits.map((call) => call.status)).toEqual([429, 200]);
    expect(interaction.original?.content).toContain('Token');
    expectSafeMessages(discord);
  });

  it('connects with the Guilds intent only and never logs the token', async () => {
    const discord = await start();
    expect(discord.fake.gateway.intents).toBe(1);
    await discord.answer(slashCommand({ name: 'help' }));
    const logged = JSON.stringify(discord.logger.entries);
    expect(logged).not.toContain(discord.fake.token);
    for (const interaction of discord.fake.interactions) expect(logged).not.toContain(interaction.token);
  });
});
