/**
 * Reuses the KV cache of a prompt's beginning across requests. Every student who asks about one lesson sends the
 * same system prompt (the lesson, hundreds of tokens) and a question of a few dozen: with the lesson's columns kept,
 * a prefill runs the question only. Entries are single-row caches keyed by their token ids, found by the longest
 * shared beginning (no hints from the caller, whatever the chat template).
 * Bounded by bytes, least recently used out first. Caches are never written to (each forward pass returns new
 * arrays), so an entry is handed out without a copy unless it must be cut.
 */
import { truncate, type KvCache, type KvShape } from './kv.js';

/** Memory the kept caches may take (Qwen2.5-0.5B: 24 KiB a token, so ~10 lessons of 1,000 tokens). */
export const DEFAULT_PREFIX_CACHE_BYTES = 256 * 1024 * 1024;
/** Shorter shared beginnings (a chat template's opening) are not worth an entry. */
export const MIN_PREFIX_TOKENS = 32;

interface Entry {
  ids: readonly number[];
  cache: KvCache;
  bytes: number;
}

export interface PrefixHit {
  /** Tokens of the prompt the cache covers (the prefill runs the rest). */
  length: number;
  past: KvCache;
}

export interface PrefixStats {
  hits: number;
  misses: number;
  /** Prompt tokens whose prefill was skipped. */
  reusedTokens: number;
}

export class PrefixCache {
  private entries: Entry[] = []; // most recently used last
  private bytes = 0;
  readonly stats: PrefixStats = { hits: 0, misses: 0, reusedTokens: 0 };

  constructor(
    private readonly shape: KvShape,
    private readonly budgetBytes = DEFAULT_PREFIX_CACHE_BYTES,
    private readonly minTokens = MIN_PREFIX_TOKENS,
  ) {}

  /** The longest kept beginning of `ids`, leaving at least one token to prefill (its logits choose the next). */
  lookup(ids: readonly number[]): PrefixHit | undefined {
    const best = this.closest(ids, ids.length - 1);
    if (!best || best.shared < this.minTokens) {
      this.stats.misses += 1;
      return undefined;
    }
    this.touch(best.entry);
    this.stats.hits += 1;
    this.stats.reusedTokens += best.shared;
    const past = best.shared === best.entry.cache.length ? best.entry.cache : truncate(this.shape, best.entry.cache, best.shared);
    return { length: best.shared, past };
  }

  /**
   * Keeps what a prefill of `ids` computed (`cache`: one row, `ids.length` columns; `reused`: columns it took from
   * this cache). A prompt that was mostly new is kept whole; the beginning it shares with a kept prompt is kept on
   * its own, since the next prompt is likely to share it too (the lesson, not the question after it).
   */
  remember(ids: readonly number[], cache: KvCache, reused = 0): void {
    if (this.budgetBytes <= 0 || ids.length < this.minTokens) return;
    const best = this.closest(ids, ids.length);
    if (best && best.shared >= this.minTokens && best.shared < ids.length && !this.entries.some((e) => e.ids.length === best.shared && commonPrefix(e.ids, ids, best.shared) === best.shared)) {
      this.add(ids.slice(0, best.shared), truncate(this.shape, cache, best.shared));
    }
    if (reused * 2 < ids.length && best?.shared !== ids.length) this.add([...ids], cache);
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
  }

  /** The entry sharing the longest beginning with `ids` (at most `limit`); on a tie, one that needs no cut. */
  private closest(ids: readonly number[], limit: number): { entry: Entry; shared: number } | undefined {
    let best: { entry: Entry; shared: number } | undefined;
    for (const entry of this.entries) {
      const shared = commonPrefix(entry.ids, ids, limit);
      const better = shared > (best?.shared ?? 0) || (best !== undefined && shared === best.shared && entry.ids.length === shared);
      if (better) best = { entry, shared };
    }
    return best;
  }

  private add(ids: readonly number[], cache: KvCache): void {
    const bytes = cache.arrays.reduce((sum, a) => sum + a.byteLength, 0);
    if (bytes > this.budgetBytes) return;
    this.entries.push({ ids, cache, bytes });
    this.bytes += bytes;
    while (this.bytes > this.budgetBytes) this.drop(this.entries[0]!);
  }

  private drop(entry: Entry): void {
    this.entries = this.entries.filter((e) => e !== entry);
    this.bytes -= entry.bytes;
  }

  private touch(entry: Entry): void {
    this.entries = [...this.entries.filter((e) => e !== entry), entry];
  }
}

function commonPrefix(a: readonly number[], b: readonly number[], limit: number): number {
  const n = Math.min(a.length, b.length, limit);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
