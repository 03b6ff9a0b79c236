/**
 * How readable an attention head's pattern is once the first token's weight is set aside. Most heads of a small GPT
 * park much of their attention on the first token (an "attention sink"); a raw previous-token score then rewards
 * no head clearly (0.046 for the old default). Each row's weights are renormalised without column 0, then scored:
 * previous-token = the weight on i−1; copy = the weight on the token that followed the latest earlier occurrence of
 * token i (the induction pattern repeated phrases show).
 */

export interface HeadMap {
  tokens: string[];
  /** weights[i][j], rows summing to 1, causal. */
  weights: number[][];
}

export interface HeadScore {
  /** Mean sink-free weight on the previous token (rows with at least two earlier tokens besides the first). */
  previousToken: number;
  /** Mean sink-free weight on the copy target, over rows that have one (0 when none do). */
  copy: number;
  /** Mean weight on the first token (rows after it): how much this head parks there. */
  firstTokenMass: number;
  /** What uniform attention over the same rows would score on the previous token: the level a pattern must beat. */
  chance: number;
  /** The better of the two patterns: what the head is chosen by. */
  score: number;
  pattern: 'previous-token' | 'copy';
}

/** Weights below this left after removing column 0 make a row all sink: it shows no pattern and is skipped. */
const MIN_REST = 1e-6;

export function scoreHead(maps: readonly HeadMap[]): HeadScore {
  const previous: number[] = [];
  const uniform: number[] = [];
  const copies: number[] = [];
  const sink: number[] = [];
  for (const { tokens, weights } of maps) {
    for (let i = 1; i < weights.length; i++) {
      const row = weights[i]!;
      sink.push(row[0] ?? 0);
      const rest = 1 - (row[0] ?? 0);
      if (i < 2 || rest < MIN_REST) continue;
      previous.push((row[i - 1] ?? 0) / rest);
      uniform.push(1 / i); // columns 1..i share the row evenly
      const earlier = tokens.lastIndexOf(tokens[i]!, i - 1);
      // The copy target must be a real choice: not the sink, not the previous token.
      if (earlier >= 0 && earlier + 1 < i - 1 && earlier + 1 > 0) copies.push((row[earlier + 1] ?? 0) / rest);
    }
  }
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const previousToken = mean(previous);
  const copy = mean(copies);
  return { previousToken, copy, firstTokenMass: mean(sink), chance: mean(uniform), score: Math.max(previousToken, copy), pattern: copy > previousToken ? 'copy' : 'previous-token' };
}
