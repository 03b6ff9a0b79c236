/**
 * `npm start` as a child process when its platform stops taking the bot for good: Telegram answers getUpdates with
 * 401 (the token was revoked while the bot ran), Discord's gateway closes with 4004 (token reset). The process must
 * not stay up deaf: it says why in one clear line, exits 1 (so docker's restart policy or an orchestrator acts), and
 * never prints the token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { FakeTelegram } from '../support/fake-telegram/server.js';
import { cleanEnv, REPO_ROOT } from '../support/child.js';

const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 15_000;

let child: ChildProcess | undefined;
const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

/** Starts `npm start` with `env`; its output (stdout and stderr together) and its exit, bounded. */
function startBot(env: Record<string, string>): { output: () => string; exited: (timeoutMs: number) => Promise<number | null> } {
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main/tutor-process.ts'], { cwd: REPO_ROOT, env: cleanEnv({ LOG_LEVEL: 'info', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  child = bot;
  const chunks: Buffer[] = [];
  bot.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  bot.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exit = new Promise<number | null>((resolve) => bot.once('close', (code) => resolve(code)));
  return {
    output: () => Buffer.concat(chunks).toString('utf8'),
    exited: (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the bot did not exit within ${timeoutMs} ms:\n${Buffer.concat(chunks).toString('utf8')}`)), timeoutMs)));
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** The plain (non-JSON) lines of the output. */
const plainLines = (output: string) => output.split('\n').filter((line) => line !== '' && !line.startsWith('{'));

describe('npm start when the platform refuses the bot for good', () => {
  it('exits 1 with a clear line when Telegram revokes the token (401 on getUpdates), never printing the token', { timeout: 60_000 }, async () => {
    const telegram = await FakeTelegram.start();
    fakes.push(telegram);
    const bot = startBot({ TELEGRAM_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    await telegram.waitForHeldPoll(START_TIMEOUT_MS);
    telegram.revokeToken();
    expect(await bot.exited(EXIT_TIMEOUT_MS)).toBe(1);
    const output = bot.output();
    expect(plainLines(output)).toEqual(['gpt-tutor: telegram: Telegram refused the bot token (401 Unauthorized): it was revoked or is wrong; set TELEGRAM_TOKEN to the token BotFather shows now']);
    expect(output).toContain('"msg":"chat adapter stopped for good"');
    expect(output).not.toContain(telegram.token);
    expect(output).not.toContain(telegram.token.split(':')[1]!);
  });

  it('exits 1 with a clear line when Discord closes the gateway with 4004, never printing the token', { timeout: 60_000 }, async () => {
    const discord = await new FakeDiscord().start();
    fakes.push(discord);
    const bot = startBot({ DISCORD_TOKEN: discord.token, DISCORD_APP_ID: discord.appId, DISCORD_REST_API: discord.api });
    await discord.waitUntil(() => discord.gateway.readySessions > 0, START_TIMEOUT_MS);
    discord.gateway.refuseIdentify(4004);
    expect(await bot.exited(EXIT_TIMEOUT_MS)).toBe(1);
    const output = bot.output();
    expect(plainLines(output)).toEqual([expect.stringMatching(/^gpt-tutor: discord: Discord refused the bot token \(authentication failed\).*DISCORD_TOKEN/)]);
    expect(output).not.toContain(discord.token);
  });
});
