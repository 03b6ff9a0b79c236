/**
 * Every command the tutor knows: each file here (or folder, with its index.ts) declares one command whole —
 * definition, menu order, policy and handler — and this list, found by reading this folder, is the single source for
 * Discord registration, Telegram menus, /help, the edge and the workers. Adding a command: its file, its locale
 * strings; nothing else names it.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCommand as findIn } from '../src/core/command.js';
import type { TutorCommand } from '../src/core/services.js';

const COMMANDS_DIR = dirname(fileURLToPath(import.meta.url));
/** A command's own file (not this index, not a declaration file); a folder counts when it has an index. */
const COMMAND_FILE = /^(?!index\.)[a-z][a-z0-9-]*\.(ts|js)$/;
const FOLDER_INDEX = /^index\.(ts|js)$/;

type ListedCommand = TutorCommand & { menuOrder: number };

function isCommand(value: unknown): value is ListedCommand {
  const candidate = value as Partial<ListedCommand> | null;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function' && typeof candidate.menuOrder === 'number';
}

/** The files and folder indexes of a commands folder, relative to it. */
function commandEntries(dir: string): string[] {
  const entries: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && COMMAND_FILE.test(entry.name)) entries.push(entry.name);
    if (!entry.isDirectory()) continue;
    const index = readdirSync(join(dir, entry.name)).find((name) => FOLDER_INDEX.test(name));
    if (index) entries.push(join(entry.name, index));
  }
  return entries.sort();
}

/**
 * The commands a folder declares, one per file or folder, in menu order. A file that exports no command (or two), or
 * two commands with one name or one menuOrder, stop start-up with the files named.
 */
export async function discoverCommands(dir: string): Promise<readonly TutorCommand[]> {
  const entries = commandEntries(dir);
  const commands = await Promise.all(
    entries.map(async (entry) => {
      const module = (await import(pathToFileURL(join(dir, entry)).href)) as Record<string, unknown>;
      const found = Object.values(module).filter(isCommand);
      if (found.length !== 1) throw new Error(`${entry} must export exactly one command made with defineCommand (found ${found.length})`);
      return found[0]!;
    }),
  );
  for (const [i, command] of commands.entries()) {
    const first = commands.findIndex((other) => other.name === command.name || other.menuOrder === command.menuOrder);
    if (first !== i) throw new Error(`${entries[i]} repeats the name or menuOrder of ${entries[first]}`);
  }
  return commands.sort((a, b) => a.menuOrder - b.menuOrder);
}

/** Every command of this folder, in menu order. */
export const COMMANDS: readonly TutorCommand[] = await discoverCommands(COMMANDS_DIR);

export function findCommand(name: string): TutorCommand | undefined {
  return findIn(COMMANDS, name);
}
