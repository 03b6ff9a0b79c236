import type { ChatRef, Platform } from './invocation.js';
import { LOCALES, type Locale } from './locale.js';
import type { KeyValueStore } from './ports.js';

// A group's language setting is about the group, not a person; it lapses after a year without a change.
export const CHAT_PREF_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** Settings that belong to a group chat or a server, set by its admins: for now its default language. */
export class ChatPrefs {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, chat: ChatRef): string {
    // A Discord server's channels share the server's settings; a Telegram group is its own.
    return `chat:${platform}:${chat.settingsId ?? chat.id}:locale`;
  }

  async getLocale(platform: Platform, chat: ChatRef): Promise<Locale | undefined> {
    if (chat.kind !== 'group') return undefined;
    const value = await this.store.get(this.key(platform, chat));
    return LOCALES.find((locale) => locale === value);
  }

  async setLocale(platform: Platform, chat: ChatRef, locale: Locale | undefined): Promise<void> {
    if (locale) await this.store.set(this.key(platform, chat), locale, CHAT_PREF_TTL_MS);
    else await this.store.delete(this.key(platform, chat));
  }
}
