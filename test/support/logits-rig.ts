/**
 * A logits hook on onnxruntime-node's sessions, for models with random weights: those almost never emit a stop token
 * (about 1 in 151,936 a step), so a test that needs a known answer plants one. The real session still runs every
 * pass (the cache, its shapes and the prompt are real); only the logits of each row's last position are replaced so
 * that the planted tokens follow one another and the stop token comes after the last. Stateless per row: the next
 * token is chosen from the row's last input token, so batched rows and prefix-cached prefills are rigged alike.
 * Only sessions whose logits have `vocab` columns are touched (the shipped tiny GPT beside it is left alone).
 */
import * as ort from 'onnxruntime-node';

type Run = ort.InferenceSession['run'];

export interface LogitsRig {
  /** Makes every answer `tokens` then `stopId` (tokens must be distinct); undefined: the model's own logits. */
  plant(tokens: readonly number[] | undefined, stopId?: number): void;
  /** The next pass of a rigged session throws, as a broken model would. */
  failNext(): void;
  /** Row 0's input ids of every pass with more than one new token (prefills), in order. */
  readonly prefills: number[][];
  /** Dims of each pass's present.0.key output. */
  readonly presentDims: number[][];
  restore(): void;
}

export function rigLogits(vocab: number): LogitsRig {
  // Typed as a factory, the export is the session class at run time; transformers.js creates its sessions from it.
  const proto = (ort.InferenceSession as unknown as { prototype: { run: Run } }).prototype;
  const original = proto.run;
  let plan: { next: Map<number, number>; first: number } | undefined;
  let failing = false;
  const prefills: number[][] = [];
  const presentDims: number[][] = [];
  proto.run = async function (this: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType, ...rest: unknown[]) {
    const rigged = this.outputNames.includes('logits') && this.outputNames.includes('present.0.key');
    if (rigged && failing) {
      failing = false;
      throw new Error('rigged failure: the decoder session broke');
    }
    const out = await (original as (...args: unknown[]) => Promise<ort.InferenceSession.ReturnType>).call(this, feeds, ...rest);
    const logits = out['logits'];
    if (!rigged || !logits || logits.dims[2] !== vocab) return out;
    const ids = feeds['input_ids']!;
    const [rows = 0, seq = 0] = ids.dims;
    const data = ids.data as BigInt64Array;
    if (seq > 1) prefills.push(Array.from(data.subarray(0, seq), Number));
    presentDims.push([...(out['present.0.key']?.dims ?? [])]);
    if (plan) {
      const values = logits.data as Float32Array;
      for (let r = 0; r < rows; r++) {
        const last = Number(data[r * seq + seq - 1]);
        const next = plan.next.get(last) ?? plan.first;
        const row = values.subarray(((r + 1) * seq - 1) * vocab, (r + 1) * seq * vocab);
        row.fill(-1e4);
        row[next] = 1e4;
      }
    }
    return out;
  } as Run;
  return {
    plant(tokens, stopId) {
      if (!tokens) return void (plan = undefined);
      if (new Set(tokens).size !== tokens.length) throw new Error('planted tokens must be distinct (the rig picks the next from the last)');
      const next = new Map<number, number>();
      tokens.forEach((id, i) => next.set(id, tokens[i + 1] ?? stopId ?? -1));
      plan = { next, first: tokens[0]! };
    },
    failNext: () => void (failing = true),
    prefills,
    presentDims,
    restore: () => void (proto.run = original),
  };
}
