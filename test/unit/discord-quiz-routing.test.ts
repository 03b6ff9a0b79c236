/**
 * Class-quiz plumbing of the Discord adapter without a network: routes through the queue (token, channel, the
 * correlation id the token answers, its age), which files may be fetched, and how the sender posts and edits
 * channel messages (buttons on every update, none after the final, stable nonces across a restart).
 */
import type { REST } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachmentValue, AttachmentDownloadError, DISCORD_ATTACHMENT_ORIGINS } from '../../src/adapters/discord/attachments.js';
import { channelRoute, fromRoute, INTERACTION_TOKEN_USABLE_MS, tokenUsable, toRoute, type DiscordRoute } from '../../src/adapters/discord/route.js';
import { DiscordSender } from '../../src/adapters/discord/sender.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/core/attachments.js';
import type { Reply } from '../../src/core/reply.js';
import { RecordingLogger } from '../support/bull-harness.js';

const TOKEN = 'aW50ZXJhY3Rpb246dGVzdHRva2VudGVzdHRva2Vu';
const CHANNEL = '300000000000000001';

afterEach(() => vi.restoreAllMocks());

describe('Discord routes', () => {
  it('round-trips every field as strings, and refuses what is not ours', () => {
    const route: DiscordRoute = { token: TOKEN, mode: 'reply', ephemeral: true, channelId: CHANNEL, answers: 'abcdef0123456789', issuedAt: 1_700_000_000_000 };
    const raw = toRoute(route);
    expect(Object.values(raw).every((value) => typeof value === 'string')).toBe(true);
    expect(fromRoute(raw)).toEqual(route);
    expect(fromRoute({ discordMode: 'channel', discordEphemeral: '0', discordChannel: CHANNEL })).toEqual({ mode: 'channel', ephemeral: false, channelId: CHANNEL });
    expect(fromRoute({ discordMode: 'reply', discordEphemeral: '0', discordChannel: CHANNEL })).toBeUndefined();
    expect(fromRoute({ discordMode: 'channel', discordEphemeral: '0', discordChannel: '../../users/@me' })).toBeUndefined();
    expect(fromRoute({ discordToken: TOKEN, discordMode: 'reply', discordChannel: 'x', discordAnswers: '!', discordAt: 'soon' })).toEqual({ token: TOKEN, mode: 'reply', ephemeral: false });
    expect(fromRoute(undefined)).toBeUndefined();
  });

  it('uses the token only for the reply it answers, and only within 14 minutes', () => {
    const route: DiscordRoute = { token: TOKEN, mode: 'reply', ephemeral: false, channelId: CHANNEL, answers: 'start0001', issuedAt: 0 };
    expect(tokenUsable(route, 'start0001', 1_000)).toBe(true);
    expect(tokenUsable(route, 'qzclass0001q1', 1_000)).toBe(false);
    expect(tokenUsable(route, 'start0001', INTERACTION_TOKEN_USABLE_MS)).toBe(false);
    // Routes queued before class quizzes carried no correlation id or time: still answered by their token.
    expect(tokenUsable({ token: TOKEN, mode: 'reply', ephemeral: false }, 'anything1', Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(channelRoute(route)).toEqual({ mode: 'channel', ephemeral: false, channelId: CHANNEL });
    expect(channelRoute({ token: TOKEN, mode: 'reply', ephemeral: false })).toBeUndefined();
  });
});

describe('attached files', () => {
  const options = { origins: DISCORD_ATTACHMENT_ORIGINS, timeoutMs: 1_000 };

  it('fetches nothing from outside Discord’s CDN over https', async () => {
    const fetched = vi.spyOn(globalThis, 'fetch');
    for (const url of ['http://cdn.discordapp.com/a/b/q.csv', 'https://cdn.discordapp.com.evil.example/q.csv', 'https://user:pw@cdn.discordapp.com/q.csv', 'https://127.0.0.1/q.csv', 'file:///etc/passwd', 'not a url']) {
      await expect(attachmentValue({ name: 'q.csv', size: 10, url }, options)).rejects.toEqual(new AttachmentDownloadError('untrusted_url'));
    }
    expect(fetched).not.toHaveBeenCalled();
  });

  it('passes an over-limit file by name and size without fetching it', async () => {
    const fetched = vi.spyOn(globalThis, 'fetch');
    const value = await attachmentValue({ name: 'big|name.csv', size: MAX_ATTACHMENT_BYTES + 1, url: 'https://cdn.discordapp.com/x/big.csv' }, options);
    expect(value).toBe(`big_name.csv|size=${MAX_ATTACHMENT_BYTES + 1}`);
    expect(fetched).not.toHaveBeenCalled();
  });
});

describe('DiscordSender in a channel', () => {
  const buttons = [{ id: 'qa0xyz', label: 'A' }, { id: 'qa1xyz', label: 'B' }];
  const reply = (text: string, extra: Partial<Reply> = {}): Reply => ({ command: 'quiz', locale: 'en', text, buttons: [], ...extra });

  function rig() {
    let now = 0;
    const calls: { method: string; route: string; at: number; body: Record<string, unknown> }[] = [];
    const record = (method: string) => async (route: string, options: { body: Record<string, unknown> }) => {
      calls.push({ method, route, at: now, body: options.body });
      return { id: '700000000000000001' };
    };
    const rest = { patch: record('patch'), post: record('post'), delete: record('delete') } as unknown as REST;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    return { calls, sender: () => new DiscordSender({ rest, appId: '600000000000000001', logger: new RecordingLogger(), editIntervalMs: 1_000, clock }) };
  }

  it('posts, edits with the buttons every time, and the final edit clears them', async () => {
    const { calls, sender: make } = rig();
    const sender = make();
    const route: DiscordRoute = { mode: 'channel', ephemeral: false, channelId: CHANNEL };
    await sender.update('qz1', route, reply('0 answered', { buttons }));
    await sender.update('qz1', route, reply('3 answered', { buttons }));
    await sender.final('qz1', route, reply('closed'));
    expect(calls.map((call) => [call.method, call.route, call.at])).toEqual([
      ['post', `/channels/${CHANNEL}/messages`, 0],
      ['patch', `/channels/${CHANNEL}/messages/700000000000000001`, 1_000],
      ['patch', `/channels/${CHANNEL}/messages/700000000000000001`, 2_000],
    ]);
    expect(calls.slice(0, 2).map((call) => (call.body['components'] as { components: unknown[] }[])[0]!.components.length)).toEqual([2, 2]);
    expect(calls[2]!.body['components']).toEqual([]);
    expect(calls.every((call) => JSON.stringify(call.body['allowed_mentions']) === '{"parse":[]}')).toBe(true);
    expect(calls.every((call) => ((call.body['flags'] as number) & 64) === 0)).toBe(true);
  });

  it('gives a message create the same nonce after a restart, a different one per part and per reply', async () => {
    const { calls, sender: make } = rig();
    const route: DiscordRoute = { mode: 'channel', ephemeral: false, channelId: CHANNEL };
    const long = `${'a'.repeat(1_500)}\n\n${'b'.repeat(1_500)}`;
    await make().final('qz-reveal-1', route, reply(long));
    await make().final('qz-reveal-1', route, reply(long));
    await make().final('qz-reveal-2', route, reply('short'));
    const nonces = calls.map((call) => call.body['nonce'] as string);
    expect(calls.every((call) => call.body['enforce_nonce'] === true && (call.body['nonce'] as string).length <= 25)).toBe(true);
    expect(nonces[0]).toBe(nonces[2]);
    expect(nonces[1]).toBe(nonces[3]);
    expect(new Set([nonces[0], nonces[1], nonces[4]]).size).toBe(3);
  });
});
