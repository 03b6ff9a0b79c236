/**
 * The fake Discord driven by the REAL discord.js client: login and READY, heartbeats, interactions of every kind
 * the tutor uses, and the rules the fake enforces the way Discord does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { autocomplete, buttonPress, CallbackType, FakeDiscord, GatewayOp, MANAGER_PERMISSIONS, slashCommand, unsafeMentions, type FakeDiscordOptions } from '../support/fake-discord/index.js';

const open: { fake?: FakeDiscord; client?: Client }[] = [];
afterEach(async () => {
  for (const { fake, client } of open.splice(0)) {
    await client?.destroy();
    await fake?.close();
  }
});

async function connected(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  const fake = await new FakeDiscord(options).start();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.api } });
  open.push({ fake, client });
  const ready = new Promise((resolve) => client.once('clientReady', resolve));
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

function next(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once('interactionCreate', resolve));
}

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in: gateway/bot with the bot token, IDENTIFY with the intents, READY with the application', async () => {
    const { fake, client } = await connected();
    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.application?.id).toBe(fake.appId);
    const gateway = fake.calls.find((call) => call.route === 'gateway.get');
    expect(gateway?.authorized).toBe(true);
    expect(fake.gateway.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.gateway.received.find((event) => event.op === GatewayOp.Identify)?.d).toMatchObject({ token: 'valid' });
  });

  it('acknowledges heartbeats', async () => {
    const { fake, client } = await connected({ heartbeatIntervalMs: 100 });
    await fake.waitUntil(() => fake.gateway.received.filter((event) => event.op === GatewayOp.Heartbeat).length >= 2);
    await fake.waitUntil(() => client.ws.ping >= 0);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('refuses a wrong token', async () => {
    const fake = await new FakeDiscord().start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.api } });
    open.push({ fake, client });
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
  });

  it('delivers a slash command with a sub-command, options, locales and member permissions in a guild', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    fake.interact(slashCommand({ name: 'quiz', subcommand: 'start', options: { topic: 'attention', questions: 5 }, locale: 'zh-CN', guild: { locale: 'zh-TW', permissions: MANAGER_PERMISSIONS } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    expect(interaction.commandName).toBe('quiz');
    expect(interaction.options.getSubcommand()).toBe('start');
    expect(interaction.options.getString('topic')).toBe('attention');
    expect(interaction.options.getInteger('questions')).toBe(5);
    expect(interaction.locale).toBe('zh-CN');
    expect(interaction.guildLocale).toBe('zh-TW');
    expect(interaction.inGuild()).toBe(true);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
  });

  it('delivers a command group and a DM command (no guild, no member)', async () => {
    const { fake, client } = await connected();
    let received = next(client);
    fake.interact(slashCommand({ name: 'lang', group: 'server', subcommand: 'set', options: { language: 'zh' }, guild: {} }));
    const grouped = await received;
    if (!grouped.isChatInputCommand()) throw new Error('expected a slash command');
    expect(grouped.options.getSubcommandGroup()).toBe('server');
    expect(grouped.options.getSubcommand()).toBe('set');
    expect(grouped.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);

    received = next(client);
    fake.interact(slashCommand({ name: 'explain', options: { topic: 'tokens' }, locale: 'en-GB' }));
    const dm = await received;
    expect(dm.guildId).toBeNull();
    expect(dm.memberPermissions).toBeNull();
    expect(dm.user.id).toBe('100000000000000001');
  });

  it('records defer, edit of @original (decoded) and a follow-up, with their order and bodies', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'explain', options: { topic: 'attention' } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply({ content: 'part 1', allowedMentions: { parse: [] } });
    const followUp = await interaction.followUp({ content: 'part 2', allowedMentions: { parse: [] } });
    expect(followUp.content).toBe('part 2');

    const calls = fake.callsOf(pushed.id);
    expect(calls.map((call) => call.route)).toEqual(['callback', 'original.patch', 'followup.post']);
    expect(calls[0]?.body).toMatchObject({ type: CallbackType.DeferReply, data: { flags: MessageFlags.Ephemeral } });
    expect(calls[1]?.path).toBe(`/webhooks/${fake.appId}/${pushed.token}/messages/@original`);
    expect(calls[2]?.query['wait']).toBe('true');
    expect(pushed.callback?.ephemeral).toBe(true);
    expect(pushed.original?.content).toBe('part 1');
    expect(unsafeMentions(fake.messages)).toEqual([]);
  });

  it('flags messages that leave mention parsing on', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    fake.interact(slashCommand({ name: 'help' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.reply({ content: '@everyone hi' });
    expect(unsafeMentions(fake.messages)).toHaveLength(1);
  });

  it('refuses what Discord refuses: long or empty content, a second callback, edits before the defer', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'explain' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');

    const early = await rejection(client.rest.patch(Routes.webhookMessage(fake.appId, pushed.token, '@original'), { body: { content: 'too early' }, auth: false }));
    expect([early.status, early.code]).toEqual([404, 10015]);

    await interaction.deferReply();
    const twice = await rejection(client.rest.post(Routes.interactionCallback(pushed.id, pushed.token), { body: { type: 5 }, auth: false }));
    expect([twice.status, twice.code]).toEqual([400, 40060]);

    const long = await rejection(interaction.editReply({ content: 'x'.repeat(2_001) }));
    expect([long.status, long.code]).toEqual([400, 50035]);
    expect(long.rawError).toMatchObject({ errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    await interaction.editReply({ content: 'x'.repeat(2_000) });

    const empty = await rejection(interaction.followUp({ content: '' }));
    expect([empty.status, empty.code]).toEqual([400, 50006]);
  });

  it('answers an interaction acknowledged after the 3 s window with Unknown interaction', async () => {
    let clock = 0;
    const { fake, client } = await connected({ now: () => clock });
    const received = next(client);
    fake.interact(slashCommand({ name: 'explain' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    clock = 3_001;
    const late = await rejection(interaction.deferReply());
    expect([late.status, late.code]).toEqual([404, 10062]);
  });

  it('takes autocomplete results of up to 25 choices', async () => {
    const { fake, client } = await connected();
    let received = next(client);
    const pushed = fake.interact(autocomplete({ name: 'explain', options: { topic: 'att' }, focused: 'topic' }));
    let interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'topic', value: 'att' });
    await interaction.respond([{ name: 'attention · 注意力', value: 'attention' }]);
    expect(fake.callsOf(pushed.id)[0]?.body).toMatchObject({ type: CallbackType.Autocomplete, data: { choices: [{ value: 'attention' }] } });

    received = next(client);
    fake.interact(autocomplete({ name: 'explain', options: { topic: '' }, focused: 'topic' }));
    interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ name: `t${i}`, value: `t${i}` }));
    const error = await rejection(interaction.respond(tooMany));
    expect(error.code).toBe(50035);
  });

  it('handles button presses: deferUpdate then edit of the message, update, and the component limits', async () => {
    const { fake, client } = await connected();
    let received = next(client);
    const pushed = fake.interact(buttonPress({ customId: 'bAbCdEfGhIjK', guild: {} }));
    let interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('bAbCdEfGhIjK');
    await interaction.deferUpdate();
    await interaction.editReply({ content: 'edited', components: [], allowedMentions: { parse: [] } });
    expect(fake.callsOf(pushed.id).map((call) => [call.route, call.status])).toEqual([['callback', 204], ['original.patch', 200]]);
    expect(pushed.original?.content).toBe('edited');

    received = next(client);
    fake.interact(buttonPress({ customId: 'b2' }));
    interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    // Raw JSON: discord.js's builders would refuse these before they reach the server.
    const row = (id: string, label = 'ok') => ({ type: 1, components: [{ type: 2, style: ButtonStyle.Primary, custom_id: id, label }] });
    const longId = await rejection(interaction.update({ content: 'x', components: [row('x'.repeat(101))] }));
    expect(longId.rawError).toMatchObject({ errors: { components: { 0: { components: { 0: { custom_id: {} } } } } } });
    const longLabel = await rejection(interaction.update({ content: 'x', components: [row('ok', 'y'.repeat(81))] }));
    expect(longLabel.code).toBe(50035);
    const rows = await rejection(interaction.update({ content: 'x', components: Array.from({ length: 6 }, (_, i) => row(`r${i}`)) }));
    expect(rows.code).toBe(50035);
    const built = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('ok').setLabel('ok').setStyle(ButtonStyle.Primary));
    await interaction.update({ content: 'fine', components: [built] });
  });

  it('takes a modal as callback 9', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'quiz', subcommand: 'import' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    const input = new TextInputBuilder().setCustomId('csv').setLabel('CSV').setStyle(TextInputStyle.Paragraph);
    await interaction.showModal(new ModalBuilder().setCustomId('import').setTitle('Import').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
    expect(pushed.callback?.type).toBe(CallbackType.Modal);
  });

  it('receives multipart attachments with their description (alt text)', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'attention', options: { text: 'hello' } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await interaction.editReply({ content: 'map', files: [{ attachment: png, name: 'attention.png', description: 'a heatmap' }], allowedMentions: { parse: [] } });
    const edit = fake.messages.find((message) => message.interactionId === pushed.id);
    expect(edit?.files[0]).toMatchObject({ filename: 'attention.png', size: png.length });
    expect(edit?.files[0]?.bytes.equals(png)).toBe(true);
    expect(edit?.attachments[0]).toMatchObject({ description: 'a heatmap' });
    expect(pushed.original?.attachments[0]).toMatchObject({ filename: 'attention.png', description: 'a heatmap' });
  });

  it('answers 429 with Retry-After, and discord.js retries after it', async () => {
    const { fake, client } = await connected();
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'explain' }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    fake.rateLimitNext('original.patch', { retryAfterMs: 200 });
    await interaction.editReply({ content: 'after the wait', allowedMentions: { parse: [] } });
    const edits = fake.callsOf(pushed.id).filter((call) => call.route === 'original.patch');
    expect(edits.map((call) => call.status)).toEqual([429, 200]);
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(150);
  });

  it('keeps a per-interaction webhook bucket whose headers discord.js obeys (no 429 reaches it)', async () => {
    const { fake, client } = await connected({ webhookBucket: { limit: 2, windowMs: 300 } });
    const received = next(client);
    const pushed = fake.interact(slashCommand({ name: 'generate', options: { prompt: 'hi' } }));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    for (let i = 1; i <= 4; i++) await interaction.editReply({ content: `step ${i}`, allowedMentions: { parse: [] } });
    const edits = fake.callsOf(pushed.id).filter((call) => call.route === 'original.patch');
    expect(edits.map((call) => call.status)).toEqual([200, 200, 200, 200]);
    expect(edits[2]!.at - edits[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it('validates command registration like Discord', async () => {
    const { fake, client } = await connected();
    await client.application!.commands.set([
      { name: 'explain', description: 'Explain', descriptionLocalizations: { 'zh-CN': '讲解', 'zh-TW': '講解' }, options: [{ type: 3, name: 'topic', description: 'Topic', autocomplete: true, maxLength: 300 }] },
    ]);
    expect(fake.registered.get('global')).toHaveLength(1);
    await client.application!.commands.set([{ name: 'help', description: 'Help' }], '700000000000000001');
    expect(fake.registered.get('guild:700000000000000001')).toHaveLength(1);

    const upper = await rejection(client.application!.commands.set([{ name: 'Explain', description: 'x' }]));
    expect(upper.code).toBe(50035);
    const order = await rejection(
      client.application!.commands.set([{ name: 'x', description: 'x', options: [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }] }]),
    );
    expect(order.code).toBe(50035);
    const badLocale = await rejection(client.application!.commands.set([{ name: 'x', description: 'x', descriptionLocalizations: { zh: '不' } as never }]));
    expect(badLocale.code).toBe(50035);
  });
});
