/**
 * One forward pass of the cached decoder for a batch of left-padded rows, on an onnxruntime session (native or
 * WASM: the runtime's module is passed in, so tensors are that runtime's own). transformers.js (or we) create the
 * session; we run it directly — its forward() wrapper cost ~0.9 ms per token against ~0.6 ms for the step itself.
 * The cache stays as the arrays the runtime returned (no copies per step); only joins and leaves copy (kv.ts).
 */
import type { KvCache, KvShape } from './kv.js';

/** What we use of an onnxruntime tensor (onnxruntime-node and onnxruntime-web share it). */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

/** What we use of an onnxruntime module: its Tensor class. */
export interface OrtModule {
  Tensor: new (type: 'int64' | 'float32', data: BigInt64Array | Float32Array, dims: readonly number[]) => OrtTensor;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface ForwardInput {
  /** Row-major [rows, seq] token ids. */
  ids: readonly number[];
  rows: number;
  seq: number;
  /** Zero (masked) columns at the start of each row, counted over past + new columns. */
  pads: readonly number[];
  past: KvCache | null;
}

export interface ForwardOutput {
  /** Logits of each row's last position: [rows, vocab]. */
  logits: Float32Array;
  vocab: number;
  /** The cache with the new columns (past length + seq). */
  present: KvCache;
}

/** One forward pass; positions are counted from each row's first real column. */
export type Forward = (input: ForwardInput) => Promise<ForwardOutput>;

/** The session behind a transformers.js decoder-only model (its `sessions.model`). */
export function decoderSession(model: { sessions: Record<string, unknown> }): OrtSession {
  const session = model.sessions['model'];
  if (!(session instanceof Object) || typeof (session as OrtSession).run !== 'function') {
    throw new Error('transformers.js did not create a "model" session for this decoder');
  }
  return session as OrtSession;
}

/** Cache tensor names in the session's order, and the output that feeds each back. */
export function cacheNames(session: OrtSession): { past: string[]; present: string[] } {
  const past = session.inputNames.filter((name) => name.startsWith('past_key_values.'));
  const present = past.map((name) => name.replace('past_key_values.', 'present.'));
  for (const name of present) {
    if (!session.outputNames.includes(name)) throw new Error(`the decoder has ${name.replace('present.', 'past_key_values.')} but no ${name}`);
  }
  return { past, present };
}

export function onnxForward(ort: OrtModule, session: OrtSession, shape: KvShape): Forward {
  const names = cacheNames(session);
  if (names.past.length !== shape.tensors) throw new Error(`the decoder has ${names.past.length} cache tensors, expected ${shape.tensors}`);
  const hasPositions = session.inputNames.includes('position_ids');
  const { heads, headSize } = shape;
  const empty = new Float32Array(0);
  return async ({ ids, rows, seq, pads, past }) => {
    const pastLength = past?.length ?? 0;
    const total = pastLength + seq;
    const feeds: Record<string, OrtTensor> = {};
    names.past.forEach((name, t) => {
      feeds[name] = new ort.Tensor('float32', past?.arrays[t] ?? empty, [rows, heads, pastLength, headSize]);
    });
    feeds['input_ids'] = new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [rows, seq]);
    const mask = new BigInt64Array(rows * total);
    for (let r = 0; r < rows; r++) mask.fill(1n, r * total + (pads[r] ?? 0), (r + 1) * total);
    feeds['attention_mask'] = new ort.Tensor('int64', mask, [rows, total]);
    if (hasPositions) {
      const positions = new BigInt64Array(rows * seq);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < seq; j++) positions[r * seq + j] = BigInt(Math.max(0, pastLength + j - (pads[r] ?? 0)));
      }
      feeds['position_ids'] = new ort.Tensor('int64', positions, [rows, seq]);
    }
    const out = await session.run(feeds);
    const logits = out['logits'];
    if (!logits) throw new Error('model output has no logits');
    const vocab = logits.dims[2] ?? 0;
    const all = logits.data as Float32Array;
    let last = all;
    if (seq > 1) {
      last = new Float32Array(rows * vocab);
      for (let r = 0; r < rows; r++) last.set(all.subarray(((r + 1) * seq - 1) * vocab, (r + 1) * seq * vocab), r * vocab);
    }
    const arrays = names.present.map((name) => {
      const tensor = out[name];
      if (!tensor) throw new Error(`model output has no ${name}`);
      return tensor.data as Float32Array;
    });
    return { logits: last, vocab, present: { rows, length: total, arrays } };
  };
}
