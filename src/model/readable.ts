/**
 * Decoding that reads well on a tiny model: a repetition penalty and a no-repeat n-gram rule (both on the ids
 * generated so far, after the first new token, so the first step's candidates are what the model itself believes),
 * and the end of a paragraph as a natural place to stop.
 */

/** Newlines in a row, before any text, that count as a flood of blank lines: generation stops there. */
export const BLANK_RUN_NEWLINES = 3;

/**
 * The logits with recent choices made less likely: every id generated after the prompt (`history` from
 * `promptLength` on) has its logit divided by `penalty` when positive and multiplied by it when negative (CTRL's
 * rule, as Hugging Face applies it), and an id that would repeat an n-gram of `history` (prompt and new ids) is
 * ruled out. Returns the input itself when nothing applies.
 */
export function penalize(logits: Float32Array, history: readonly number[], promptLength: number, penalty: number, ngram: number): Float32Array {
  if (history.length <= promptLength || (penalty === 1 && ngram === 0)) return logits;
  const out = new Float32Array(logits);
  if (penalty !== 1) {
    for (const id of new Set(history.slice(promptLength))) {
      const v = out[id];
      if (v !== undefined) out[id] = v > 0 ? v / penalty : v * penalty;
    }
  }
  for (const id of bannedByNgram(history, ngram)) out[id] = -Infinity;
  return out;
}

/** Ids that would complete an n-gram already in `history`: each id that followed an earlier run of its last n−1 ids. */
export function bannedByNgram(history: readonly number[], n: number): Set<number> {
  const banned = new Set<number>();
  const length = history.length;
  if (n < 1 || length < n) return banned;
  const prefixStart = length - (n - 1);
  // Every earlier window of n ids (its last id exists, so it ends before the history does).
  for (let start = 0; start <= length - n; start++) {
    let same = true;
    for (let k = 0; k < n - 1 && same; k++) same = history[start + k] === history[prefixStart + k];
    if (same) banned.add(history[start + n - 1]!);
  }
  return banned;
}

/**
 * Where a text stops as a paragraph: the text before its first blank line once it has said something, or '' when
 * it has said nothing but a run of blank lines. Undefined while it goes on.
 */
export function paragraphEnd(text: string): string | undefined {
  const start = text.search(/\S/);
  if (start === -1) return (text.match(/\n/g)?.length ?? 0) >= BLANK_RUN_NEWLINES ? '' : undefined;
  const blank = /\n[ \t]*\n/.exec(text.slice(start));
  return blank ? text.slice(0, start + blank.index).trimEnd() : undefined;
}
