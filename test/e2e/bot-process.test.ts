/**
 * `npm start` with chat credentials, as a child process: it serves Telegram and Discord (the real telegraf and
 * discord.js clients against the local fakes on 127.0.0.1), offline, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, slashCommand } from '../support/fake-discord/index.js';
import { FakeTelegram, person } from '../support/fake-telegram/server.js';
import { cleanEnv, REPO_ROOT, STACK_TRACE } from '../support/child.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

let child: ChildProcess | undefined;
const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

function exited(process: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bot did not stop')), timeoutMs);
    process.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm start with TELEGRAM_TOKEN and DISCORD_TOKEN', () => {
  it('answers on both platforms, logs no secret, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const telegram = await FakeTelegram.start();
    const discord = await new FakeDiscord().start();
    fakes.push(telegram, discord);
    const stderr: Buffer[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main/tutor-process.ts'], {
      cwd: REPO_ROOT,
      env: cleanEnv({
        TELEGRAM_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DISCORD_TOKEN: discord.token,
        DISCORD_APP_ID: discord.appId,
        DISCORD_REST_API: discord.api,
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));

    await telegram.waitForHeldPoll(START_TIMEOUT_MS);
    await discord.waitUntil(() => discord.gateway.readySessions > 0, START_TIMEOUT_MS);

    const student = person(7001, { languageCode: 'zh-hans' });
    telegram.pushPrivateMessage(student, '/explain attention');
    const sent = await telegram.waitForCall((call) => call.method === 'sendMessage' && call.status === 200, START_TIMEOUT_MS);
    expect(String(sent.params['text'])).toMatch(/注意力/);

    const interaction = discord.interact(slashCommand({ name: 'explain', options: { topic: 'attention' }, locale: 'en-US', guild: {} }));
    await discord.waitUntil(() => (interaction.original?.content ?? '') !== '', START_TIMEOUT_MS);
    expect(interaction.original?.content).toContain('Attention');

    child.kill('SIGTERM');
    expect(await exited(child, STOP_TIMEOUT_MS)).toBe(0);
    const log = Buffer.concat(stderr).toString('utf8');
    expect(log).toContain('telegram adapter started');
    expect(log).toContain('discord adapter started');
    expect(log).not.toContain(telegram.token);
    expect(log).not.toContain(discord.token);
    expect(log).not.toMatch(STACK_TRACE);
  });
});
