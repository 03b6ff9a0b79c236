/** Turning logits into a choice: greedy, temperature, top-k, top-p, with a seeded PRNG for repeatable samples. */

/** mulberry32: tiny, fast, good enough for sampling; same seed → same sequence. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? -Infinity);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(((logits[i] ?? -Infinity) - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Ids sorted by probability, highest first (ties: lower id first, so the order is deterministic). */
export function rankIds(probs: Float64Array): number[] {
  return Array.from(probs.keys()).sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b);
}

export interface SamplingOptions {
  temperature: number;
  topK?: number | undefined;
  topP?: number | undefined;
}

/**
 * The distribution the next token is drawn from: plain softmax when greedy (what the model believes), otherwise
 * softmax at the temperature, cut to the top-k and then to the smallest set reaching top-p, renormalized.
 */
export function samplingDistribution(logits: ArrayLike<number>, o: SamplingOptions): Float64Array {
  if (o.temperature === 0) return softmax(logits);
  const probs = softmax(logits, o.temperature);
  const ranked = rankIds(probs);
  let keep = Math.min(ranked.length, o.topK ?? ranked.length);
  if (o.topP !== undefined && o.topP < 1) {
    let cumulative = 0;
    for (let i = 0; i < keep; i++) {
      cumulative += probs[ranked[i] ?? 0] ?? 0;
      if (cumulative >= o.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  const kept = new Float64Array(probs.length);
  let sum = 0;
  for (const id of ranked.slice(0, keep)) sum += probs[id] ?? 0;
  for (const id of ranked.slice(0, keep)) kept[id] = (probs[id] ?? 0) / sum;
  return kept;
}

/** The k likeliest ids, highest first (ties: lower id first); a linear pass per k, cheaper than sorting. */
export function topIds(probs: Float64Array, k: number): number[] {
  const chosen: number[] = [];
  for (let n = 0; n < Math.min(k, probs.length); n++) {
    let best = -1;
    for (let id = 0; id < probs.length; id++) {
      if (!chosen.includes(id) && (best < 0 || (probs[id] ?? 0) > (probs[best] ?? 0))) best = id;
    }
    chosen.push(best);
  }
  return chosen;
}

/** Index of the largest value (lowest index on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  let top = values.length > 0 ? (values[0] as number) : -Infinity;
  for (let i = 1; i < values.length; i++) {
    const v = values[i] as number; // in range: i < length
    if (v > top) {
      top = v;
      best = i;
    }
  }
  return best;
}

/** Greedy: the likeliest id (lowest id on ties). Otherwise an inverse-CDF draw from `probs`. */
export function pick(probs: Float64Array, greedy: boolean, random: () => number): number {
  if (greedy) return topIds(probs, 1)[0] ?? 0;
  const r = random();
  let cumulative = 0;
  let last = 0;
  for (let id = 0; id < probs.length; id++) {
    const p = probs[id] ?? 0;
    if (p <= 0) continue;
    cumulative += p;
    last = id;
    if (r < cumulative) return id;
  }
  return last; // rounding left r just above the total
}

/**
 * Ids of the k largest logits, highest first (ties: lower id first), without sorting the vocabulary: the values
 * within a margin of the maximum are gathered (the margin doubles until at least k are in), and only those are
 * ranked, by insertion.
 */
export function topLogitIds(logits: Float32Array, k: number): number[] {
  const n = logits.length;
  if (k <= 0 || n === 0) return [];
  let max = -Infinity;
  let min = Infinity;
  for (let id = 0; id < n; id++) {
    const v = logits[id] as number;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  let gathered: number[] = [];
  for (let margin = 4; ; margin *= 2) {
    const floor = max - margin;
    gathered = [];
    for (let id = 0; id < n; id++) if ((logits[id] as number) >= floor) gathered.push(id);
    if (gathered.length >= k || floor <= min) break;
  }
  // Insertion into a ranked list of at most k (value descending, id ascending: ids arrive ascending, so an equal
  // value never moves ahead of an earlier id).
  const ids: number[] = [];
  const values: number[] = [];
  for (const id of gathered) {
    const v = logits[id] as number;
    if (ids.length === k && v <= (values[k - 1] as number)) continue;
    let at = ids.length;
    while (at > 0 && v > (values[at - 1] as number)) at--;
    ids.splice(at, 0, id);
    values.splice(at, 0, v);
    if (ids.length > k) {
      ids.pop();
      values.pop();
    }
  }
  return ids;
}

/** Above this top-k a full sort is cheaper than the insertion buffer. */
const SMALL_TOP_K = 64;

/**
 * The next token, as `pick(samplingDistribution(logits, o), greedy, random)` chooses it, without a distribution over
 * the whole vocabulary: greedy is an arg-max; sampling ranks only the head of the ranking that top-k and top-p can
 * keep, exponentiates the kept logits, and draws among them in id order, as pick does.
 */
export function chooseNext(logits: Float32Array, o: SamplingOptions, random: () => number): number {
  if (o.temperature === 0) return argmax(logits);
  const k = Math.min(logits.length, o.topK ?? logits.length);
  const ranked = k <= SMALL_TOP_K ? topLogitIds(logits, k) : rankedHead(logits, k, o);
  const max = logits[ranked[0] ?? 0] ?? 0;
  const weight = (id: number) => Math.exp(((logits[id] ?? -Infinity) - max) / o.temperature);
  let keep = ranked.length;
  if (o.topP !== undefined && o.topP < 1) {
    // top-p is measured on the whole distribution (as samplingDistribution does), so it needs the full sum.
    let total = 0;
    for (let id = 0; id < logits.length; id++) total += weight(id);
    let cumulative = 0;
    for (let i = 0; i < ranked.length; i++) {
      cumulative += weight(ranked[i] ?? 0) / total;
      if (cumulative >= o.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  const kept = ranked.slice(0, keep).sort((a, b) => a - b);
  const weights = new Float64Array(kept.length);
  let sum = 0;
  for (let i = 0; i < kept.length; i++) sum += weights[i] = weight(kept[i] as number);
  const r = random();
  let cumulative = 0;
  for (let i = 0; i < kept.length; i++) {
    cumulative += (weights[i] as number) / sum;
    if (r < cumulative) return kept[i] as number;
  }
  return kept.at(-1) ?? 0;
}

/**
 * The first k ids of the ranking (value descending, id ascending) — or fewer, as long as they hold the top-p mass —
 * without sorting the vocabulary: a full sort of Qwen's 151,936 logits took ~78 ms a token, more than the model's
 * step. Values within a margin of the maximum are gathered (the margin doubles) until k are in or, with top-p, until
 * they carry at least top-p of the mass; every value left out is below every value gathered, so the nucleus is
 * among them. Only those are sorted.
 */
function rankedHead(logits: Float32Array, k: number, o: SamplingOptions): number[] {
  const n = logits.length;
  let max = -Infinity;
  let min = Infinity;
  for (let id = 0; id < n; id++) {
    const v = logits[id] as number;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const weight = (v: number) => Math.exp((v - max) / o.temperature);
  const nucleus = o.topP !== undefined && o.topP < 1 ? o.topP : undefined;
  let total = 0;
  if (nucleus !== undefined) for (let id = 0; id < n; id++) total += weight(logits[id] as number);
  let gathered: number[] = [];
  for (let margin = 4; ; margin *= 2) {
    const floor = max - margin;
    gathered = [];
    let mass = 0;
    for (let id = 0; id < n; id++) {
      const v = logits[id] as number;
      if (v < floor) continue;
      gathered.push(id);
      if (nucleus !== undefined) mass += weight(v);
    }
    if (gathered.length >= k || (nucleus !== undefined && mass >= nucleus * total) || floor <= min) break;
  }
  return gathered.sort((a, b) => (logits[b] as number) - (logits[a] as number) || a - b).slice(0, k);
}
