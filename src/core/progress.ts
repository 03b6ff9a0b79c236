import type { Platform } from './invocation.js';
import type { KeyValueStore } from './ports.js';
import { USER_PREF_TTL_MS, userKeyPrefix } from './user-prefs.js';

/** Which lessons a user has opened, for the learning path in /explain. Kept as long as their language choice. */
export class Progress {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, userId: string): string {
    return `${userKeyPrefix(platform, userId)}seen`;
  }

  async seen(platform: Platform, userId: string): Promise<Set<string>> {
    const stored = await this.store.get(this.key(platform, userId));
    if (!stored) return new Set();
    try {
      const parsed: unknown = JSON.parse(stored);
      return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
    } catch {
      return new Set();
    }
  }

  /** Adds a topic; pass what `seen` just returned to save reading it again. */
  async markSeen(platform: Platform, userId: string, topicId: string, known?: Set<string>): Promise<void> {
    const seen = new Set(known ?? (await this.seen(platform, userId)));
    if (seen.has(topicId)) return;
    seen.add(topicId);
    await this.store.set(this.key(platform, userId), JSON.stringify([...seen]), USER_PREF_TTL_MS);
  }
}
