/**
 * Every command the tutor knows, in menu order: the single source for Discord registration,
 * Telegram menus and the terminal's /help.
 */
import type { CommandDefinition } from '../src/core/command.js';
import { attention } from './attention.js';
import { explain } from './explain.js';
import { forget } from './forget.js';
import { generate } from './generate.js';
import { help } from './help.js';
import { lang } from './lang.js';
import { quiz } from './quiz.js';
import { start } from './start.js';

export const COMMANDS: readonly CommandDefinition[] = [start, explain, generate, attention, quiz, lang, forget, help];

export function findCommand(name: string): CommandDefinition | undefined {
  const wanted = name.toLowerCase();
  return COMMANDS.find((command) => command.name === wanted);
}

export { attention, explain, forget, generate, help, lang, quiz, start };
