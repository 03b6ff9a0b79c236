/**
 * A new command, declared in one file (test/fixtures/commands/echo.ts) and found in its folder the way
 * commands/index.ts finds the tutor's own, is registered on Discord, listed in Telegram's menus and in /help, routed
 * to its queue and run by its handler: nothing else in the tutor names it.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { COMMANDS, discoverCommands } from '../../commands/index.js';
import { registrationPayload } from '../../src/adapters/discord/registration.js';
import { isPrivateReply } from '../../src/adapters/discord/invocation.js';
import { registerMenus } from '../../src/adapters/telegram/menus.js';
import { loadConfig } from '../../src/config/config.js';
import { defineCommand } from '../../src/core/define-command.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { echo } from '../fixtures/commands/echo.js';
import { validateCommands } from '../support/fake-discord/commands.js';
import { asker } from './fixtures.js';

const FIXTURE_COMMANDS_DIR = fileURLToPath(new URL('../fixtures/commands/', import.meta.url));
const commands = [...COMMANDS, ...(await discoverCommands(FIXTURE_COMMANDS_DIR))];

describe('a command declared in one file', () => {
  it('is found in its folder, after the tutor\'s own commands in menu order', () => {
    expect(commands.map((command) => command.name)).toEqual(['start', 'explain', 'followup', 'generate', 'compare', 'attention', 'quiz', 'lang', 'forget', 'help', 'echo']);
    expect(commands.at(-1)).toBe(echo);
  });

  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-test', commands });
  });
  afterAll(() => runtime.close());

  it('is registered on Discord, with its options and both languages', () => {
    const payload = registrationPayload(commands) as unknown as Record<string, unknown>[];
    expect(() => validateCommands(payload)).not.toThrow();
    const registered = payload.find((command) => command['name'] === 'echo');
    expect(registered).toMatchObject({
      description: 'Say your words back, a few times',
      description_localizations: { 'zh-CN': '把你的话重复几遍' },
      options: [
        { name: 'words', type: 3, required: true, max_length: 100 },
        { name: 'times', type: 4, required: false, min_value: 1, max_value: 3 },
      ],
    });
    // Its policy says the reply is the asker's alone: Discord defers it as ephemeral.
    expect(isPrivateReply(commands, { ...asker({ platform: 'discord', kind: 'group' }), command: 'echo', args: { words: 'hi' } })).toBe(true);
  });

  it('is listed in Telegram\'s menus, in every scope and language', async () => {
    const listed: { command: string; description: string }[][] = [];
    await registerMenus({ setMyCommands: async (menu) => { listed.push([...menu]); return true; } }, commands);
    expect(listed).toHaveLength(4);
    for (const menu of listed) expect(menu.map((entry) => entry.command)).toContain('echo');
    expect(listed.flat()).toContainEqual({ command: 'echo', description: '把你的话重复几遍' });
  });

  it('is shown in /help, and /help echo explains its options', async () => {
    const list = await runtime.tutor.handleText('/help', asker());
    expect(list.text).toContain('echo');
    expect(list.text).toContain('Say your words back, a few times');
    const detail = await runtime.tutor.handleText('/help echo', asker());
    expect(detail.error).toBeUndefined();
    expect(detail.text).toContain('times');
    expect(detail.text).toContain('/echo hello');
  });

  it('is routed to its queue and answered by its handler, with its arguments checked and typed', async () => {
    const submits = vi.spyOn(InProcessQueue.prototype, 'submit');
    try {
      const reply = await runtime.tutor.handleText('/echo hello times:2', asker());
      expect(reply.error).toBeUndefined();
      expect(reply).toMatchObject({ command: 'echo', text: 'hello · hello' });
      expect(submits.mock.calls.map(([queue, job]) => [queue, (job as TutorJob).command, (job as TutorJob).args])).toEqual([['model', 'echo', { words: 'hello', times: 2 }]]);
    } finally {
      submits.mockRestore();
    }
    // Its options are checked at the edge like any command's.
    const refused = await runtime.tutor.handleText('/echo hello times:9', asker());
    expect(refused.error?.code).toBe('option_out_of_range');
  });

  it('is unknown to a tutor whose list does not have it', async () => {
    const plain = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-test' });
    try {
      expect((await plain.tutor.handleText('/echo hello', asker())).error?.code).toBe('unknown_command');
    } finally {
      await plain.close();
    }
  });
});

describe('discoverCommands', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));

  it('stops at a file or folder that exports no command, naming it', async () => {
    await expect(discoverCommands(fixture('commands-broken'))).rejects.toThrow('empty/index.ts must export exactly one command made with defineCommand (found 0)');
  });

  it('stops at two commands with one menuOrder, naming both files', async () => {
    await expect(discoverCommands(fixture('commands-clash'))).rejects.toThrow('second-echo.ts repeats the name or menuOrder of echo.ts');
  });
});

describe('defineCommand', () => {
  const base = { description: { en: 'x', zh: 'x' }, menuOrder: 900, queue: 'fast', available: true, example: '/x' } as const;

  it('types a handler\'s job from the options (checked by tsc: these lines are the test)', () => {
    defineCommand({
      ...base,
      name: 'typed',
      options: [{ name: 'n', type: 'integer', min: 0, max: 9, required: true, description: { en: 'n', zh: 'n' } }],
      async handler(job) {
        const n: number = job.args.n;
        // @ts-expect-error an option the command does not declare
        void job.args.other;
        return { command: job.command, locale: job.context.locale, text: String(n), buttons: [] };
      },
    });
    // @ts-expect-error a command without a handler cannot be defined, so it cannot be listed either
    defineCommand({ ...base, name: 'nohandler', options: [] });
    // @ts-expect-error a default sub-command must be one of its sub-commands
    defineCommand({ ...base, name: 'subs', options: [], subcommands: [{ name: 'a', description: base.description, options: [] }], defaultSubcommand: 'b', handler: async () => null });
  });

  it('refuses a job whose arguments or sub-command its options do not allow, as malformed (no retry)', async () => {
    const context = { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' as const }, platform: 'terminal' as const, locale: 'en' as const };
    const address = { platform: 'terminal' as const, chatId: 'c1', userId: 'u1', correlationId: 'c', outbox: 'o' };
    const run = (job: Partial<TutorJob>) => echo.run({ command: 'echo', args: { words: 'hi' }, context, address, ...job }, {} as never, () => undefined, undefined);
    await expect(run({})).resolves.toMatchObject({ text: 'hi' });
    await expect(run({ args: { words: 'hi', times: 7 } })).rejects.toMatchObject({ name: 'InvalidJobError', message: expect.stringContaining('args.times') });
    await expect(run({ subcommand: 'loud' })).rejects.toMatchObject({ name: 'InvalidJobError' });
    await expect(run({ handover: { x: 1 } })).rejects.toMatchObject({ name: 'InvalidJobError' });
  });
});
