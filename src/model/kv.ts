/**
 * The KV cache of a batch as plain arrays: one Float32Array per cache tensor (`past_key_values.{layer}.key|value`),
 * each laid out [rows, heads, length, head size]. Rows are left-padded: row r's first `pad` columns are zeros that
 * the attention mask hides, so rows of different lengths share one forward pass.
 */

export interface KvShape {
  /** How many cache tensors (2 × layers). */
  tensors: number;
  heads: number;
  headSize: number;
}

export interface KvCache {
  rows: number;
  /** Columns (positions) per row, padding included. */
  length: number;
  arrays: Float32Array[];
}

/** Where one row of a new cache comes from: `row` of `source`, its columns from `from` on, after `pad` zero columns. */
export interface RowSource {
  source: KvCache;
  row: number;
  from: number;
  pad: number;
}

export function emptyCache(shape: KvShape, rows: number): KvCache {
  return { rows, length: 0, arrays: Array.from({ length: shape.tensors }, () => new Float32Array(0)) };
}

/**
 * A new cache of `length` columns whose rows are copied from `rows` (one contiguous block per row and head).
 * Used when rows join or leave a batch; each source row must fill the new row exactly: pad + (source length − from).
 */
export function relayout(shape: KvShape, rows: readonly RowSource[], length: number): KvCache {
  const { heads, headSize } = shape;
  const arrays: Float32Array[] = [];
  for (let t = 0; t < shape.tensors; t++) {
    const out = new Float32Array(rows.length * heads * length * headSize);
    rows.forEach((r, i) => {
      const kept = r.source.length - r.from;
      if (r.pad + kept !== length) throw new Error(`kv relayout: row ${i} has ${r.pad} + ${kept} columns, not ${length}`);
      const src = r.source.arrays[t];
      if (!src) throw new Error(`kv relayout: source has no tensor ${t}`);
      for (let h = 0; h < heads; h++) {
        const from = ((r.row * heads + h) * r.source.length + r.from) * headSize;
        const to = ((i * heads + h) * length + r.pad) * headSize;
        out.set(src.subarray(from, from + kept * headSize), to);
      }
    });
    arrays.push(out);
  }
  return { rows: rows.length, length, arrays };
}

/** The first `length` columns of a single-row cache, copied (a prompt's beginning, for the prefix cache). */
export function truncate(shape: KvShape, cache: KvCache, length: number): KvCache {
  if (cache.rows !== 1) throw new Error(`kv truncate: ${cache.rows} rows, expected 1`);
  const { heads, headSize } = shape;
  const arrays = cache.arrays.map((src) => {
    const out = new Float32Array(heads * length * headSize);
    for (let h = 0; h < heads; h++) out.set(src.subarray(h * cache.length * headSize, (h * cache.length + length) * headSize), h * length * headSize);
    return out;
  });
  return { rows: 1, length, arrays };
}
