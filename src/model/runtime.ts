/**
 * One forward step of the cached decoder. transformers.js loads the model (offline, the file for the dtype, session
 * options) and we run the session it created directly: its forward() wrapper measured ~0.9 ms of extra work per
 * token against ~1 ms for the step itself (bench/model.ts tracks the gap).
 */
import * as ort from 'onnxruntime-node';

/** The KV cache as the graph names it: `past_key_values.{layer}.key|value` → [1, heads, past, head size]. */
export type PastKeyValues = Record<string, ort.Tensor>;

export interface StepResult {
  /** Logits of the last position only, length = vocabulary size. */
  logits: Float32Array;
  past: PastKeyValues;
}

export interface DecoderStep {
  (ids: readonly number[], past: PastKeyValues | null, pastLength: number): Promise<StepResult>;
}

export interface DecoderShape {
  layers: number;
  heads: number;
  headSize: number;
}

const int64 = (values: readonly number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);

/** The session behind a transformers.js decoder-only model (its `sessions.model`). */
export function decoderSession(model: { sessions: Record<string, unknown> }): ort.InferenceSession {
  const session = model.sessions['model'];
  if (!(session instanceof Object) || typeof (session as ort.InferenceSession).run !== 'function') {
    throw new Error('transformers.js did not create a "model" session for this decoder');
  }
  return session as ort.InferenceSession;
}

export function sessionStep(session: ort.InferenceSession, shape: DecoderShape): DecoderStep {
  const empty: PastKeyValues = {};
  for (let i = 0; i < shape.layers; i++) {
    for (const kv of ['key', 'value']) {
      empty[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, shape.heads, 0, shape.headSize]);
    }
  }
  return async (ids, past, pastLength) => {
    const n = ids.length;
    const total = pastLength + n;
    const out = await session.run({
      ...(past ?? empty),
      input_ids: int64(ids, [1, n]),
      attention_mask: int64(new Array<number>(total).fill(1), [1, total]),
      position_ids: int64(Array.from({ length: n }, (_, i) => pastLength + i), [1, n]),
    });
    const logits = out['logits'];
    if (!logits) throw new Error('model output has no logits');
    const vocab = logits.dims[2] ?? 0;
    const next: PastKeyValues = {};
    for (const [name, tensor] of Object.entries(out)) {
      if (name.startsWith('present.')) next[name.replace('present.', 'past_key_values.')] = tensor;
    }
    return { logits: (logits.data as Float32Array).slice((n - 1) * vocab, n * vocab), past: next };
  };
}
