import type { Platform } from './invocation.js';
import { LOCALES, type Locale } from './locale.js';
import type { KeyValueStore } from './ports.js';

// A language choice not used for half a year is forgotten (the retention limit /help states).
export const USER_PREF_TTL_MS = 180 * 24 * 60 * 60 * 1000;

/** Every key the tutor keeps about one user starts with this: /forget deletes them all. */
export function userKeyPrefix(platform: Platform, userId: string): string {
  return `user:${platform}:${userId}:`;
}

/** What the tutor remembers about a user: for now, the language they chose with /lang. */
export class UserPrefs {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, userId: string): string {
    return `${userKeyPrefix(platform, userId)}locale`;
  }

  async getLocale(platform: Platform, userId: string): Promise<Locale | undefined> {
    const value = await this.store.get(this.key(platform, userId));
    return LOCALES.find((locale) => locale === value);
  }

  async setLocale(platform: Platform, userId: string, locale: Locale | undefined): Promise<void> {
    if (locale) await this.store.set(this.key(platform, userId), locale, USER_PREF_TTL_MS);
    else await this.store.delete(this.key(platform, userId));
  }
}
