import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';

const NAME = /^[a-z][a-z0-9_-]{0,31}$/; // Discord's rule for command and option names

describe('command definitions', () => {
  it('lists every command once', () => {
    expect(COMMANDS.map((command) => command.name).sort()).toEqual(['attention', 'compare', 'explain', 'followup', 'forget', 'generate', 'help', 'lang', 'quiz', 'start']);
  });

  it('have valid names and descriptions in both languages within Discord limits', () => {
    for (const command of COMMANDS) {
      expect(command.name).toMatch(NAME);
      const entries = [command, ...(command.subcommands ?? []), ...command.options, ...(command.subcommands ?? []).flatMap((sub) => sub.options)];
      for (const entry of entries) {
        expect(entry.name, command.name).toMatch(NAME);
        for (const text of [entry.description.en, entry.description.zh]) expect(text.length, `${command.name} ${entry.name}`).toBeGreaterThan(0);
        expect(entry.description.en.length).toBeLessThanOrEqual(100);
        expect(entry.description.zh.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('bound every option', () => {
    for (const command of COMMANDS) {
      for (const option of [...command.options, ...(command.subcommands ?? []).flatMap((sub) => sub.options)]) {
        if (option.type === 'string') expect(option.maxLength).toBeLessThanOrEqual(6000);
        if (option.type === 'integer' || option.type === 'number') expect(option.min).toBeLessThan(option.max);
      }
    }
  });

  it('have at most one rest option, and a default sub-command that exists', () => {
    for (const command of COMMANDS) {
      expect(command.options.filter((option) => option.type === 'string' && option.rest).length).toBeLessThanOrEqual(1);
      if (command.defaultSubcommand) expect(command.subcommands?.map((sub) => sub.name)).toContain(command.defaultSubcommand);
    }
  });

  it('each carry their handler (the type requires it; a list put together otherwise fails at start-up)', () => {
    for (const command of COMMANDS) expect(typeof command.run, command.name).toBe('function');
  });
});
