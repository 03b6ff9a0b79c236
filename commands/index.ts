/**
 * Every command the tutor knows, in menu order: each file (or folder) declares one command whole — definition,
 * policy and handler — and this list is the single source for Discord registration, Telegram menus, /help, the
 * edge and the workers. Adding a command: its file, its line here, its locale strings.
 */
import { findCommand as findIn } from '../src/core/command.js';
import type { TutorCommand } from '../src/core/services.js';
import { attention } from './attention.js';
import { explain } from './explain/index.js';
import { forget } from './forget.js';
import { generate } from './generate/index.js';
import { help } from './help.js';
import { lang } from './lang.js';
import { quiz } from './quiz/index.js';
import { start } from './start.js';

export const COMMANDS: readonly TutorCommand[] = [start, explain, generate, attention, quiz, lang, forget, help];

export function findCommand(name: string): TutorCommand | undefined {
  return findIn(COMMANDS, name);
}

export { attention, explain, forget, generate, help, lang, quiz, start };
