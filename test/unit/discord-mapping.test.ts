import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { askerOf, invocationOf, isPrivateReply, type CommandSource } from '../../src/adapters/discord/invocation.js';
import { registrationPayload } from '../../src/adapters/discord/registration.js';
import { fromRoute, toRoute } from '../../src/adapters/discord/route.js';
import { optionsFor } from '../../src/core/command.js';
import { suggestTopics } from '../../src/core/lessons/suggest.js';
import { validateCommands } from '../support/fake-discord/commands.js';
import { CATALOG } from '../support/content.js';

const MANAGE_GUILD = 1n << 5n;

function source(overrides: Partial<CommandSource> = {}): CommandSource {
  return {
    commandName: 'explain',
    options: { data: [{ name: 'topic', type: 3, value: 'attention' }] },
    user: { id: '42', username: 'ada', globalName: 'Ada' },
    locale: 'zh-TW',
    guildId: '7',
    guildLocale: 'zh-CN',
    channelId: '9',
    memberPermissions: { has: (bit) => bit === MANAGE_GUILD },
    ...overrides,
  };
}

describe('Discord interaction → invocation', () => {
  it('maps a server command: channel as chat, server settings and locale, Manage Server as chat admin', () => {
    expect(invocationOf(source())).toEqual({
      command: 'explain',
      subcommand: undefined,
      args: { topic: 'attention' },
      user: { id: '42', displayName: 'Ada', locale: 'zh-TW', chatAdmin: true },
      chat: { id: '9', kind: 'group', settingsId: '7', defaultLocale: 'zh' },
      platform: 'discord',
    });
  });

  it('maps a DM: private chat, no admin rights', () => {
    const asker = askerOf(source({ guildId: null, guildLocale: null, memberPermissions: null }));
    expect(asker.chat).toEqual({ id: '9', kind: 'private' });
    expect(asker.user.chatAdmin).toBe(false);
  });

  it('reads sub-commands and their options', () => {
    const invocation = invocationOf(source({ commandName: 'quiz', options: { data: [{ name: 'practice', type: 1, options: [{ name: 'topic', type: 3, value: 'qkv' }] }] } }));
    expect(invocation).toMatchObject({ command: 'quiz', subcommand: 'practice', args: { topic: 'qkv' } });
  });

  it('decides privacy before deferring: personal commands and sure errors are private, lessons are public', () => {
    const asInvocation = (commandName: string, data: CommandSource['options']['data']) => invocationOf(source({ commandName, options: { data } }));
    expect(isPrivateReply(COMMANDS, asInvocation('explain', [{ name: 'topic', type: 3, value: 'attention' }]))).toBe(false);
    expect(isPrivateReply(COMMANDS, asInvocation('lang', [{ name: 'language', type: 3, value: 'zh' }]))).toBe(true);
    expect(isPrivateReply(COMMANDS, asInvocation('generate', []))).toBe(true); // prompt is required
    expect(isPrivateReply(COMMANDS, asInvocation('generate', [{ name: 'prompt', type: 3, value: 'hi' }, { name: 'top_p', type: 10, value: 2 }]))).toBe(true);
    expect(isPrivateReply(COMMANDS, asInvocation('nosuch', []))).toBe(true);
  });

  it('carries the interaction token as an opaque route and reads it back', () => {
    const route = { token: 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', mode: 'reply' as const, ephemeral: true };
    expect(fromRoute(toRoute(route))).toEqual(route);
    expect(fromRoute(undefined)).toBeUndefined();
    expect(fromRoute({ discordToken: '../../etc', discordMode: 'reply' })).toBeUndefined();
  });
});

describe('Discord registration payload', () => {
  const payload = registrationPayload(COMMANDS) as unknown as Record<string, unknown>[];

  it('passes Discord\'s rules for command registration', () => {
    expect(() => validateCommands(payload)).not.toThrow();
  });

  it('lists every available command of commands/, with zh-CN and zh-TW descriptions', () => {
    expect(payload.map((command) => command['name'])).toEqual(COMMANDS.filter((command) => command.available && !command.hidden).map((command) => command.name));
    for (const command of payload) {
      const definition = COMMANDS.find((candidate) => candidate.name === command['name'])!;
      expect(command['description']).toBe(definition.description.en);
      expect(command['description_localizations']).toMatchObject({ 'zh-CN': definition.description.zh });
      expect((command['description_localizations'] as Record<string, string>)['zh-TW']).toBeTruthy();
    }
  });

  it('carries every option with its bounds, choices and autocomplete', () => {
    for (const command of payload) {
      const definition = COMMANDS.find((candidate) => candidate.name === command['name'])!;
      const options = command['options'] as Record<string, unknown>[];
      const specs = definition.subcommands ? options.flatMap((sub) => optionsFor(definition, String(sub['name'])).map((spec) => ({ spec, json: (sub['options'] as Record<string, unknown>[]).find((option) => option['name'] === spec.name) }))) : definition.options.map((spec) => ({ spec, json: options.find((option) => option['name'] === spec.name) }));
      for (const { spec, json } of specs) {
        expect(json, `${definition.name} ${spec.name}`).toBeDefined();
        expect(json!['required']).toBe(spec.required === true);
        if (spec.type === 'string') expect(json).toMatchObject({ type: 3, max_length: spec.maxLength, ...(spec.autocomplete ? { autocomplete: true } : {}) });
        if (spec.type === 'integer') expect(json).toMatchObject({ type: 4, min_value: spec.min, max_value: spec.max });
        if (spec.type === 'number') expect(json).toMatchObject({ type: 10, min_value: spec.min, max_value: spec.max });
        if (spec.type === 'choice') expect((json!['choices'] as { value: string }[]).map((choice) => choice.value)).toEqual([...spec.choices]);
      }
    }
  });
});

describe('topic suggestions (autocomplete)', () => {
  it('matches English and Chinese, Simplified and Traditional, with both titles shown', () => {
    expect(suggestTopics('atten', 'en', CATALOG)[0]).toEqual({ name: 'Attention · 注意力机制', value: 'attention' });
    expect(suggestTopics('注意力', 'zh', CATALOG)[0]?.value).toBe('attention');
    expect(suggestTopics('注意力機制', 'zh-Hant', CATALOG)[0]).toEqual({ name: '注意力機制 · Attention', value: 'attention' });
    expect(suggestTopics('qkv', 'en', CATALOG)[0]?.value).toBe('qkv');
  });

  it('offers the curriculum for an empty field, never more than 25, and nothing for nonsense', () => {
    const all = suggestTopics('', 'en', CATALOG);
    expect(all.length).toBeGreaterThan(10);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(all[0]?.value).toBe('gpt');
    expect(suggestTopics('zzzzqqq', 'en', CATALOG)).toEqual([]);
    expect(suggestTopics('a'.repeat(10_000), 'en', CATALOG).every((choice) => choice.name.length <= 100)).toBe(true);
  });
});
