import { describe, expect, it } from 'vitest';
import { DiscordAPIError, type REST } from 'discord.js';
import { DiscordSender } from '../../src/adapters/discord/sender.js';
import type { Reply } from '../../src/core/reply.js';
import { RecordingLogger } from '../support/bull-harness.js';

const INTERVAL_MS = 1_000;
const route = { token: 'aW50ZXJhY3Rpb246dGVzdHRva2VudGVzdHRva2Vu', mode: 'reply' as const, ephemeral: false };
const reply = (text: string, extra: Partial<Reply> = {}): Reply => ({ command: 'explain', locale: 'en', text, buttons: [], ...extra });

/** A REST stand-in that records each call at the fake clock's time; the sender only needs patch/post/delete. */
function rig(fail?: (method: string) => unknown) {
  let now = 0;
  const calls: { method: string; at: number; body: { content?: string; flags?: number } }[] = [];
  const record = (method: string) => async (_route: string, options: { body: { content?: string } }) => {
    calls.push({ method, at: now, body: options.body });
    const error = fail?.(method);
    if (error) throw error;
    return { id: `m${calls.length}` };
  };
  const rest = { patch: record('patch'), post: record('post'), delete: record('delete') } as unknown as REST;
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  const logger = new RecordingLogger();
  return { sender: new DiscordSender({ rest, appId: '600000000000000001', logger, editIntervalMs: INTERVAL_MS, clock }), calls, logger };
}

describe('DiscordSender', () => {
  it('paces streamed edits: the final waits out the interval after an update', async () => {
    const { sender, calls } = rig();
    await sender.update('k', route, reply('partial'));
    await sender.final('k', route, reply('done'));
    expect(calls.map((call) => [call.method, call.at, call.body.content])).toEqual([['patch', 0, 'partial'], ['patch', INTERVAL_MS, 'done']]);
  });

  it('sends the final at once after a place-in-line notice (one edit, not a stream)', async () => {
    const { sender, calls } = rig();
    await sender.update('k', route, reply('you are number 60 in line'), 'notice');
    await sender.final('k', route, reply('done'));
    expect(calls.map((call) => call.at)).toEqual([0, 0]);
  });

  it('does not repeat parts already sent when a final is retried', async () => {
    let failures = 1;
    const transient = Object.assign(new Error('socket hang up'), {});
    const { sender, calls } = rig((method) => (method === 'post' && failures-- > 0 ? transient : undefined));
    const long = `${'a'.repeat(1_500)}\n\n${'b'.repeat(1_500)}\n\n${'c'.repeat(1_500)}`;
    await expect(sender.final('k', route, reply(long))).rejects.toThrow('socket hang up');
    await sender.final('k', route, reply(long));
    expect(calls.map((call) => call.method)).toEqual(['patch', 'post', 'post', 'post']);
    expect(calls.filter((call) => call.method === 'post' && call.body.content?.startsWith('c'))).toHaveLength(1);
  });

  it('moves an error after a public deferral into a private follow-up, and swallows a permanent refusal', async () => {
    const { sender, calls, logger } = rig();
    await sender.final('e', route, reply('slow down', { error: { code: 'rate_limited', key: 'errors.rate_limited' } }));
    expect(calls.map((call) => call.method)).toEqual(['delete', 'post']);
    expect(calls[1]!.body.flags! & 64).toBe(64);

    // The error discord.js's REST client throws for a 4xx: a permanent refusal, recognised by its class.
    const refused = rig(() => new DiscordAPIError({ code: 10015, message: 'Unknown Webhook' }, 10015, 404, 'POST', `https://discord.com/api/v10/webhooks/1/${route.token}`, { body: undefined, files: undefined }));
    await refused.sender.final('x', route, reply('late'));
    expect(JSON.stringify(refused.logger.entries)).not.toContain(route.token);
    expect(refused.logger.entries[0]?.object).toEqual({ status: 404, code: 10015, name: 'DiscordAPIError[10015]', mode: 'reply' });
    expect(logger.entries).toEqual([]);
  });
});
