/**
 * The bot process's wiring (src/main/chat-adapters.ts) over the ChatAdapter port: every configured platform, in
 * order, has its outbox read before its adapter starts; an unconfigured one is never made; a fatal stop names the
 * platform. And each shipped adapter declares capabilities that match its own limits.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DISCORD_CAPABILITIES, DISCORD_OUTBOX } from '../../src/adapters/discord/adapter.js';
import { DISCORD_MAX_CONTENT_LENGTH } from '../../src/adapters/discord/render.js';
import { TELEGRAM_MAX_MESSAGE_CHARS } from '../../src/adapters/telegram/html.js';
import { TELEGRAM_CAPABILITIES, TELEGRAM_OUTBOX } from '../../src/adapters/telegram/adapter.js';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { ChatAdapter } from '../../src/core/ports.js';
import type { Tutor } from '../../src/core/tutor.js';
import { CHAT_PLATFORMS, startChatAdapters, type ChatPlatform } from '../../src/main/chat-adapters.js';
import type { Runtime } from '../../src/main/runtime.js';

const silent = pino({ level: 'silent' });

function fakePlatform(platform: ChatAdapter['platform'], configured: boolean, events: string[]): ChatPlatform & { fatal?: (reason: string) => void } {
  const entry: ChatPlatform & { fatal?: (reason: string) => void } = {
    platform,
    configured: () => configured,
    create: (_tutor, _config, _logger, onFatal) => {
      events.push(`create ${platform}`);
      entry.fatal = onFatal;
      return {
        platform,
        outbox: `outbox-${platform}-test`,
        capabilities: TELEGRAM_CAPABILITIES,
        start: async () => void events.push(`start ${platform}`),
        stop: async () => void events.push(`stop ${platform}`),
        deliver: async (delivery: Delivery) => void events.push(`deliver ${platform} ${delivery.id}`),
        health: () => ({ ok: true, state: 'fake' }),
      };
    },
  };
  return entry;
}

function fakeRuntime(events: string[]): Pick<Runtime, 'tutor' | 'serve'> & { handlers: Map<string, (delivery: Delivery) => Promise<void>> } {
  const handlers = new Map<string, (delivery: Delivery) => Promise<void>>();
  return {
    tutor: {} as Tutor,
    handlers,
    serve: async (platform, outbox, handler) => {
      events.push(`serve ${platform} ${outbox}`);
      handlers.set(outbox, handler);
    },
  };
}

describe('startChatAdapters', () => {
  it('starts every configured platform in order, its outbox read first, and skips the others', async () => {
    const events: string[] = [];
    const runtime = fakeRuntime(events);
    const platforms = [fakePlatform('telegram', true, events), fakePlatform('discord', false, events), fakePlatform('terminal', true, events)];
    const running: ChatAdapter[] = [];
    const started = await startChatAdapters(runtime, loadConfig({}), silent, { platforms, running });
    expect(events).toEqual(['create telegram', 'serve telegram outbox-telegram-test', 'start telegram', 'create terminal', 'serve terminal outbox-terminal-test', 'start terminal']);
    expect(started).toBe(running);
    expect(running.map((adapter) => adapter.platform)).toEqual(['telegram', 'terminal']);
    // The outbox's deliveries go to that platform's adapter.
    await runtime.handlers.get('outbox-terminal-test')!({ id: 'd1', address: { platform: 'terminal', chatId: 'c', userId: 'u', correlationId: 'k', outbox: 'outbox-terminal-test' }, reply: { command: 'help', locale: 'en', text: 'hi', buttons: [] }, final: true });
    expect(events.at(-1)).toBe('deliver terminal d1');
  });

  it('tells which platform gave up for good', async () => {
    const events: string[] = [];
    const telegram = fakePlatform('telegram', true, events);
    const fatal: string[] = [];
    await startChatAdapters(fakeRuntime(events), loadConfig({}), silent, { platforms: [telegram], onFatal: (platform, reason) => fatal.push(`${platform}: ${reason}`) });
    telegram.fatal?.('token refused');
    expect(fatal).toEqual(['telegram: token refused']);
  });

  it('knows Telegram and Discord, configured by their credentials', () => {
    expect(CHAT_PLATFORMS.map((entry) => entry.platform)).toEqual(['telegram', 'discord']);
    const none = loadConfig({});
    expect(CHAT_PLATFORMS.filter((entry) => entry.configured(none))).toEqual([]);
    const both = loadConfig({ TELEGRAM_TOKEN: 'anything', DISCORD_TOKEN: 'anything', DISCORD_APP_ID: '123456789012345678' });
    expect(CHAT_PLATFORMS.filter((entry) => entry.configured(both)).map((entry) => entry.platform)).toEqual(['telegram', 'discord']);
  });
});

describe('chat adapter capabilities', () => {
  it('match each platform’s own limits and outbox', () => {
    expect(TELEGRAM_CAPABILITIES).toMatchObject({ maxMessageLength: TELEGRAM_MAX_MESSAGE_CHARS, privateReplies: 'direct-message' });
    expect(DISCORD_CAPABILITIES).toMatchObject({ maxMessageLength: DISCORD_MAX_CONTENT_LENGTH, privateReplies: 'ephemeral' });
    expect([TELEGRAM_OUTBOX, DISCORD_OUTBOX]).toEqual(['outbox-telegram', 'outbox-discord']);
  });
});
