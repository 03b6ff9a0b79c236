import type { KeyValueStore } from '../core/ports.js';

// Offline state is one process's memory: cap it so a long session cannot grow it without bound.
const MAX_ENTRIES = 50_000;

/** The offline store: a Map with expiry, gone when the process stops. */
export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs });
    // Maps iterate in insertion order, so the first key is the least recently written.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  async take(key: string): Promise<string | undefined> {
    // Read and delete with no await between them: two takers cannot both see the value.
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deleteUserKeys(userPrefix: string): Promise<string[]> {
    // In memory a pass over the (capped) map is cheap; Redis keeps an index instead (redis.ts).
    const now = this.now();
    const alive: string[] = [];
    for (const [key, entry] of [...this.entries]) {
      if (!key.startsWith(userPrefix)) continue;
      if (entry.expiresAt > now) alive.push(key.slice(userPrefix.length));
      this.entries.delete(key);
    }
    return alive;
  }
}
