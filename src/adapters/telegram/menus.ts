/**
 * The command menu ("/" button) from commands/: one list per language — Chinese for apps set to Chinese, English
 * for everyone else — and per scope (private chats, groups), so Telegram shows each user the list in their language.
 */
import type { Telegram } from 'telegraf';
import type { CommandDefinition } from '../../core/command.js';
import type { Lang } from '../../core/locale.js';
import { truncateChars } from '../chat/truncate.js';

const MAX_DESCRIPTION_CHARS = 256;
const SCOPES = ['all_private_chats', 'all_group_chats'] as const;
/** Telegram picks the list whose language_code matches the app's; the one without a code is everyone else's. */
const MENU_LANGUAGES: { code: string | undefined; lang: Lang }[] = [
  { code: undefined, lang: 'en' },
  { code: 'zh', lang: 'zh' },
];

export interface MenuEntry {
  command: string;
  description: string;
}

export function menuFor(commands: readonly CommandDefinition[], lang: Lang): MenuEntry[] {
  return commands
    .filter((command) => command.available && !command.hidden && /^[a-z0-9_]{1,32}$/.test(command.name))
    .map((command) => ({ command: command.name, description: truncateChars(command.description[lang], MAX_DESCRIPTION_CHARS, '') }));
}

export async function registerMenus(telegram: Pick<Telegram, 'setMyCommands'>, commands: readonly CommandDefinition[]): Promise<void> {
  for (const scope of SCOPES) {
    for (const { code, lang } of MENU_LANGUAGES) {
      await telegram.setMyCommands(menuFor(commands, lang), { scope: { type: scope }, ...(code ? { language_code: code } : {}) });
    }
  }
}
