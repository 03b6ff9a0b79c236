/**
 * The tutor as a user-installable Discord app, without a client: registration derived from the command
 * definitions, interactions mapped by where the bot stands (a DM, a group DM, a server with or without the bot),
 * routes that stay token-only where the bot cannot post, and the edge's refusal of what needs the server install.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { askerOf, invocationOf, isPrivateReply, type CommandSource } from '../../src/adapters/discord/invocation.js';
import { botIsPresent, deliveryTarget, placeOf } from '../../src/adapters/discord/reach.js';
import { commandJson, registrationPayload } from '../../src/adapters/discord/registration.js';
import { channelRoute, fromRoute, toRoute, type DiscordRoute } from '../../src/adapters/discord/route.js';
import type { CommandDefinition } from '../../src/core/command.js';
import { isUserError } from '../../src/core/errors.js';
import { t, toScript } from '../../src/core/i18n.js';
import type { TypedInvocation } from '../../src/core/invocation.js';
import { admitCommand } from '../../src/core/to-job.js';
import { validateCommands } from '../support/fake-discord/commands.js';

const USER = '42';
const GUILD = '700000000000000007';
const CHANNEL = '900000000000000009';
const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA';

function source(overrides: Partial<CommandSource> = {}): CommandSource {
  return {
    commandName: 'explain',
    options: { data: [{ name: 'topic', type: 3, value: 'attention' }] },
    user: { id: USER, username: 'ada', globalName: 'Ada' },
    locale: 'zh-CN',
    guildId: GUILD,
    guildLocale: 'en-US',
    channelId: CHANNEL,
    memberPermissions: null,
    context: 0,
    authorizingIntegrationOwners: { guildId: GUILD },
    ...overrides,
  };
}

const groupDm = { guildId: null, guildLocale: null, context: 2, authorizingIntegrationOwners: { guildId: null } };
const userInstallInServer = { authorizingIntegrationOwners: { guildId: null } };
const botDm = { guildId: null, guildLocale: null, context: 1, authorizingIntegrationOwners: { guildId: null } };

function refusalOf(invocation: TypedInvocation): string | undefined {
  try {
    admitCommand(COMMANDS, invocation);
    return undefined;
  } catch (error) {
    if (isUserError(error)) return error.code;
    throw error;
  }
}

describe('registration for both installs', () => {
  it('offers every command in servers, the bot DM and group DMs, under the server and the user install', () => {
    const payload = registrationPayload(COMMANDS) as unknown as Record<string, unknown>[];
    expect(payload.length).toBeGreaterThan(0);
    for (const command of payload) expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(() => validateCommands(payload)).not.toThrow();
  });

  it('derives integration_types and contexts from a definition, leaving out group DMs without the user install', () => {
    const base = COMMANDS.find((command) => command.name === 'help')! as CommandDefinition;
    expect(commandJson({ ...base, policy: { installs: ['guild'] } })).toMatchObject({ integration_types: [0], contexts: [0, 1] });
    expect(commandJson({ ...base, contexts: ['bot_dm', 'private_channel'] })).toMatchObject({ integration_types: [0, 1], contexts: [1, 2] });
    // An arguments-dependent policy cannot be registered: the command is offered everywhere and refuses at the edge.
    expect(commandJson({ ...base, policy: { installs: () => ['guild'] } })).toMatchObject({ integration_types: [0, 1] });
  });

  it('the fake refuses bad installs and contexts as Discord does: 400, 50035, errors by path', () => {
    const command = commandJson(COMMANDS[0]!);
    for (const [field, value, path, code] of [
      ['integration_types', [2], ['0', 'integration_types', '0'], 'ENUM_TYPE_COERCE'],
      ['contexts', [0, 3], ['0', 'contexts', '1'], 'ENUM_TYPE_COERCE'],
      ['contexts', 'guild', ['0', 'contexts'], 'BASE_TYPE_LIST'],
      ['integration_types', [1, 1], ['0', 'integration_types', '1'], 'SET_TYPE_ALREADY_CONTAINS_VALUE'],
    ] as const) {
      let refused: { status: number; body: { code: number; errors?: Record<string, unknown> } } | undefined;
      try {
        validateCommands([{ ...command, [field]: value }]);
      } catch (error) {
        refused = error as typeof refused;
      }
      expect(refused?.status).toBe(400);
      expect(refused?.body.code).toBe(50035);
      let node: unknown = refused?.body.errors;
      for (const key of path) node = (node as Record<string, unknown>)[key];
      expect((node as { _errors: { code: string }[] })._errors[0]!.code).toBe(code);
    }
  });
});

describe('interactions from a user install', () => {
  it('maps a group DM to a group chat the bot is not in, in the user\'s language', () => {
    const invocation = invocationOf(source(groupDm));
    expect(invocation.chat).toEqual({ id: CHANNEL, kind: 'group', install: 'user' });
    expect(invocation.user).toEqual({ id: USER, displayName: 'Ada', locale: 'zh-CN', chatAdmin: false });
    expect(placeOf(source(groupDm))).toEqual({ tokenOnly: true });
  });

  it('maps a server that has not added the bot: its settings and locale, but token-only', () => {
    expect(askerOf(source(userInstallInServer)).chat).toEqual({ id: CHANNEL, kind: 'group', settingsId: GUILD, defaultLocale: 'en', install: 'user' });
    expect(placeOf(source(userInstallInServer))).toEqual({ tokenOnly: true });
  });

  it('keeps the bot DM and a server install as before: the bot is there and may post', () => {
    expect(askerOf(source(botDm)).chat).toEqual({ id: CHANNEL, kind: 'private' });
    expect(askerOf(source()).chat).toEqual({ id: CHANNEL, kind: 'group', settingsId: GUILD, defaultLocale: 'en' });
    expect(placeOf(source())).toEqual({ channelId: CHANNEL });
    // Both installs authorized it (the server's and the asker's): the bot is in the server.
    expect(botIsPresent({ guildId: GUILD, channelId: CHANNEL, context: 0, authorizingIntegrationOwners: { guildId: GUILD } })).toBe(true);
    // Sources from before user installs (no owners, no context) read as a server install.
    expect(botIsPresent({ guildId: GUILD, channelId: CHANNEL })).toBe(true);
  });

  it('refuses class quizzes and server settings where the bot is not, and lets lessons and practice through', () => {
    const quiz = (subcommand: string, over: Partial<CommandSource>) => invocationOf(source({ commandName: 'quiz', options: { data: [{ name: subcommand, type: 1, options: [] }] }, ...over }));
    for (const where of [groupDm, userInstallInServer]) {
      for (const subcommand of ['start', 'stop', 'skip', 'results', 'join', 'play']) expect(refusalOf(quiz(subcommand, where)), subcommand).toBe('needs_guild_install');
      expect(refusalOf(quiz('practice', where))).toBeUndefined();
      expect(refusalOf(invocationOf(source(where)))).toBeUndefined();
      const groupLanguage = invocationOf(source({ ...where, commandName: 'lang', options: { data: [{ name: 'language', type: 3, value: 'zh' }, { name: 'scope', type: 3, value: 'group' }] } }));
      expect(refusalOf(groupLanguage)).toBe('needs_guild_install');
      const ownLanguage = invocationOf(source({ ...where, commandName: 'lang', options: { data: [{ name: 'language', type: 3, value: 'zh' }] } }));
      expect(refusalOf(ownLanguage)).toBeUndefined();
      // Known before the deferral, so the refusal is deferred privately.
      expect(isPrivateReply(COMMANDS, quiz('start', where))).toBe(true);
    }
    // Importing needs an admin too, but the missing bot is what the asker needs to hear first.
    expect(refusalOf(quiz('import', userInstallInServer))).toBe('needs_guild_install');
    // The server install is unchanged: a class quiz starts (public), `/quiz start` in the bot DM is practice.
    expect(refusalOf(quiz('start', {}))).toBeUndefined();
    expect(isPrivateReply(COMMANDS, quiz('start', {}))).toBe(false);
    expect(refusalOf(quiz('start', botDm))).toBeUndefined();
  });

  it('says so in the asker\'s language, naming the command', () => {
    for (const locale of ['en', 'zh', 'zh-Hant'] as const) {
      const text = t(locale, 'errors.needs_guild_install', { command: 'quiz start' });
      expect(text).toContain('/quiz start');
      expect(text).toContain('/quiz practice');
    }
    // Traditional readers get it converted, as every reply is (localize → toScript).
    const traditional = toScript('zh-Hant', t('zh-Hant', 'errors.needs_guild_install', { command: 'quiz start' }));
    expect(traditional).not.toBe(t('zh', 'errors.needs_guild_install', { command: 'quiz start' }));
    expect(traditional).toContain('應用');
  });
});

describe('token-only routes', () => {
  const route: DiscordRoute = { token: TOKEN, mode: 'reply', ephemeral: false, tokenOnly: true, answers: 'corr-abc-123', issuedAt: 1_000 };
  const reply = { command: 'explain', locale: 'en' as const, text: 'hi', buttons: [] };

  it('survive the queue, and never turn into a channel route', () => {
    expect(fromRoute(toRoute(route))).toEqual(route);
    expect(channelRoute(route)).toBeUndefined();
    expect(fromRoute({ discordMode: 'channel', discordChannel: CHANNEL, discordEphemeral: '0', discordTokenOnly: '1' })).toBeUndefined();
  });

  it('answer through the token while it lives, and nowhere once it is gone or for a new message', () => {
    expect(deliveryTarget(route, 'corr-abc-123', reply, 2_000)).toEqual(route);
    // A message under a new correlation id (what a class quiz posts) has no token of its own, and no channel.
    expect(deliveryTarget(route, 'corr-other-456', reply, 2_000)).toBeUndefined();
    // Past the token's life, where a server install would post in the channel.
    expect(deliveryTarget(route, 'corr-abc-123', reply, 1_000 + 15 * 60 * 1_000)).toBeUndefined();
    // A private reply under another id: an ephemeral follow-up through the token.
    expect(deliveryTarget(route, 'corr-other-456', { ...reply, askerOnly: true }, 2_000)).toMatchObject({ mode: 'followup', ephemeral: true, token: TOKEN });
    const withChannel: DiscordRoute = { ...route, tokenOnly: undefined, channelId: CHANNEL };
    expect(deliveryTarget(withChannel, 'corr-other-456', reply, 2_000)).toEqual({ mode: 'channel', ephemeral: false, channelId: CHANNEL });
  });
});
