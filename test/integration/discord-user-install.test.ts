/**
 * The tutor as a user-installable app, through the real discord.js client against the fake Discord (offline
 * runtime): registration for both installs, `/explain` in a DM and a group DM answered through the interaction
 * token only, streamed `/generate` in a group DM, a class quiz refused where only the asker installed the app, and
 * a server install unchanged. The fake refuses bot-token posts where the bot is not a member (403, 50001), so a
 * reply that took the channel path would fail here.
 */
import { DiscordAPIError, REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { commandJson, registerCommands } from '../../src/adapters/discord/registration.js';
import { t } from '../../src/core/i18n.js';
import { startDiscordRig, TEST_EDIT_INTERVAL_MS, type DiscordRig, type DiscordRigOptions } from '../support/discord-rig.js';
import { buttonPress, CallbackType, DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG, MANAGER_PERMISSIONS, slashCommand, unsafeMentions, type RecordedCall } from '../support/fake-discord/index.js';

let rig: DiscordRig | undefined;
afterEach(async () => {
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

const GROUP_DM = '300000000000000088';
const SERVER_CHANNEL = '300000000000000001';
const TOKEN_LIFETIME_MS = 15 * 60 * 1_000;

/** Calls made with the bot token to a channel (posts, edits, reads): none may happen where the bot is not a member. */
function channelCalls(discord: DiscordRig): RecordedCall[] {
  return discord.fake.calls.filter((call) => call.channelId !== undefined);
}

/** Every message: accepted, within 2,000 characters, mentions off; and no error logged. */
function expectSafeMessages(discord: DiscordRig): void {
  expect(discord.fake.messages.length).toBeGreaterThan(0);
  for (const message of discord.fake.messages) {
    expect(message.status, message.content).toBeLessThan(300);
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
  }
  expect(unsafeMentions(discord.fake.messages)).toEqual([]);
  expect(discord.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
}

describe('Discord user install', () => {
  it('registers every command for the server and the user install, in servers, the bot DM and group DMs', async () => {
    const discord = await start();
    const rest = new REST({ api: discord.fake.api }).setToken(discord.fake.token);
    expect(await registerCommands(rest, discord.fake.appId, COMMANDS)).toMatchObject({ scope: 'global' });
    const saved = discord.fake.registered.get('global') as Record<string, unknown>[];
    expect(saved.map((command) => command['name'])).toEqual(COMMANDS.filter((command) => command.available && !command.hidden).map((command) => command.name));
    for (const command of saved) expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });

    // What Discord refuses, the fake refuses in Discord's words.
    const bad = { ...commandJson(COMMANDS[0]!), integration_types: [0, 4] };
    const refused = await rest.put(`/applications/${discord.fake.appId}/commands`, { body: [bad] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 400, code: 50035 });
    expect((refused as DiscordAPIError).rawError).toMatchObject({ errors: { 0: { integration_types: { 1: { _errors: [{ code: 'ENUM_TYPE_COERCE' }] } } } } });
  });

  it('answers /explain in the DM with the bot through the token', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, install: 'user' }));
    expect(interaction.payload).toMatchObject({ context: 1, authorizing_integration_owners: { 1: '100000000000000001' } });
    expect(discord.fake.callsOf(interaction.id).map((call) => call.route)).toEqual(['callback', 'original.patch']);
    expect(interaction.original?.content).toContain('Attention');
    expect(finished.reply.error).toBeUndefined();
    expect(channelCalls(discord)).toEqual([]);
    expectSafeMessages(discord);
  });

  it('answers /explain in a group DM through the token only, in the asker\'s language, visible to the group', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, groupDm: true, locale: 'zh-CN' }));
    expect(interaction.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: false });
    expect(interaction.original?.content).toContain('注意力机制');
    expect(finished.route).toMatchObject({ mode: 'reply', tokenOnly: true });
    expect(finished.route.channelId).toBeUndefined();
    expect(discord.deliveries.at(-1)?.address.route).toMatchObject({ discordTokenOnly: '1' });
    expect(discord.deliveries.at(-1)?.address.route?.['discordChannel']).toBeUndefined();
    expect(channelCalls(discord)).toEqual([]);
    expectSafeMessages(discord);
  });

  it('streams /generate in a group DM by editing the token\'s response, paced, never posting in the channel', async () => {
    const discord = await start();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'generate', options: { prompt: 'Attention is', max_new_tokens: 60 }, groupDm: true }));
    const edits = discord.fake.callsOf(interaction.id).filter((call) => call.route === 'original.patch');
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(TEST_EDIT_INTERVAL_MS - 5);
    expect(edits.every((call) => !call.authorized)).toBe(true); // webhook calls: the token, not the bot's
    expect(finished.reply.error).toBeUndefined();
    expect(interaction.original?.content).toContain('attention lets every token look back');
    expect(channelCalls(discord)).toEqual([]);
    expectSafeMessages(discord);
  });

  it('answers a practice question\'s button in a group DM with a follow-up through the press\'s token', async () => {
    const discord = await start();
    const practice = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'practice', options: { topic: 'attention' }, groupDm: true }));
    const rows = (practice.interaction.original?.components ?? []) as { components: { custom_id: string }[] }[];
    const [answerId] = rows.flatMap((row) => row.components.map((button) => button.custom_id));
    expect(answerId).toBeDefined();
    const press = await discord.answer(buttonPress({ customId: answerId!, groupDm: true, appId: discord.fake.appId }));
    const calls = discord.fake.callsOf(press.interaction.id);
    expect(calls[0]).toMatchObject({ route: 'callback', body: { type: CallbackType.DeferUpdate } });
    expect(calls.slice(1).map((call) => call.route)).toContain('followup.post');
    expect(press.finished.reply.error).toBeUndefined();
    expect(press.finished.route.tokenOnly).toBe(true);
    expect(channelCalls(discord)).toEqual([]);
    expectSafeMessages(discord);
  });

  it('refuses /quiz start from a user install in a server, privately and in the asker\'s language', async () => {
    const discord = await start();
    const where = { guild: { permissions: MANAGER_PERMISSIONS }, install: 'user' as const, locale: 'zh-TW' };
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'start', options: { topic: 'attention' }, ...where }));
    expect(interaction.payload['guild_id']).toBeDefined();
    expect(interaction.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: true });
    expect(finished.reply.error?.code).toBe('needs_guild_install');
    expect(interaction.original?.content).toContain('/quiz start');
    expect(interaction.original?.content).toContain('應用'); // Traditional, as zh-TW reads
    expect((interaction.original?.flags ?? 0) & EPHEMERAL_FLAG).toBe(EPHEMERAL_FLAG);
    expect(discord.submissions).toHaveLength(0);

    // In a group DM too, and the server's default language is refused there as well.
    const inGroup = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'start', groupDm: true }));
    expect(inGroup.interaction.original?.content).toBe(t('en', 'errors.needs_guild_install', { command: 'quiz start' }));
    const language = await discord.answer(slashCommand({ name: 'lang', options: { language: 'zh', scope: 'group' }, ...where }));
    expect(language.finished.reply.error?.code).toBe('needs_guild_install');
    expect(channelCalls(discord)).toEqual([]);
    expectSafeMessages(discord);
  });

  it('sends nothing with the bot token where it is not a member: no new message, no channel fallback after the token', async () => {
    const discord = await start();
    const { interaction } = await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, groupDm: true }));
    const route = discord.deliveries.at(-1)!.address.route!;
    const address = { platform: 'discord' as const, chatId: GROUP_DM, userId: '100000000000000001', outbox: 'outbox-discord', route };
    const reply = { command: 'quiz', locale: 'en' as const, text: 'Question 1 of 3', buttons: [] };
    // A message under a new correlation id (what a class quiz would post): nowhere to go.
    await discord.adapter.deliver({ id: 'final-new-1', address: { ...address, correlationId: 'corr-new-0001' }, reply, final: true });
    // The command's own reply once the token has expired: a server install would post it in the channel.
    clockOffsetMs = TOKEN_LIFETIME_MS;
    await discord.adapter.deliver({ id: 'final-late-1', address: { ...address, correlationId: route['discordAnswers']! }, reply, final: true });
    expect(channelCalls(discord)).toEqual([]);
    expect(discord.logger.entries.filter((entry) => /nowhere to send/.test(entry.message ?? ''))).toHaveLength(2);
    expect(discord.fake.callsOf(interaction.id).map((call) => call.route)).toEqual(['callback', 'original.patch']);

    // And had it tried, the fake would have said what Discord says.
    expect(discord.fake.channels.foreignChannels.has(GROUP_DM)).toBe(true);
    const posted = await fetch(`${discord.fake.api}/v10/channels/${GROUP_DM}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${discord.fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello', allowed_mentions: { parse: [] } }),
    });
    expect(posted.status).toBe(403);
    expect(await posted.json()).toMatchObject({ code: 50001, message: 'Missing Access' });
  });

  it('leaves a server install as it was: the channel on the route, and a class quiz starts in public', async () => {
    const discord = await start();
    await discord.answer(slashCommand({ name: 'explain', options: { topic: 'attention' }, guild: {} }));
    const route = discord.deliveries.at(-1)!.address.route!;
    expect(route['discordChannel']).toBe(SERVER_CHANNEL);
    expect(route['discordTokenOnly']).toBeUndefined();
    const { interaction, finished } = await discord.answer(slashCommand({ name: 'quiz', subcommand: 'start', options: { topic: 'attention' }, guild: { permissions: MANAGER_PERMISSIONS } }));
    expect(interaction.callback).toMatchObject({ type: CallbackType.DeferReply, ephemeral: false });
    expect(finished.reply.error).toBeUndefined();
    expect(interaction.original?.components.length ?? 0).toBeGreaterThan(0); // the lobby's Join button
    expect(discord.fake.channels.foreignChannels.has(SERVER_CHANNEL)).toBe(false);
    expectSafeMessages(discord);
  });
});
