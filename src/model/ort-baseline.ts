/**
 * The plainest greedy loop over the cached decoder, straight on onnxruntime-node: the benchmark's yardstick for
 * the overhead of TinyGptGenerator (transformers.js session, sampling, streaming, candidates).
 */
import * as ort from 'onnxruntime-node';

export interface BaselineSession {
  generate(promptIds: readonly number[], maxNewTokens: number, endId: number): Promise<number[]>;
  release(): Promise<void>;
}

export interface BaselineShape {
  layers: number;
  heads: number;
  /** d_model / heads */
  headSize: number;
}

export async function openBaseline(onnxPath: string, shape: BaselineShape, threads: number): Promise<BaselineSession> {
  const session = await ort.InferenceSession.create(onnxPath, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const { layers, heads, headSize } = shape;
  const int64 = (values: number[], shape: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), shape);
  return {
    async generate(promptIds, maxNewTokens, endId) {
      const feeds: Record<string, ort.Tensor> = {};
      for (let i = 0; i < layers; i++) {
        for (const kv of ['key', 'value']) {
          feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headSize]);
        }
      }
      let ids = [...promptIds];
      let past = 0;
      const out: number[] = [];
      for (let n = 0; n < maxNewTokens; n++) {
        feeds['input_ids'] = int64(ids, [1, ids.length]);
        feeds['attention_mask'] = int64(new Array<number>(past + ids.length).fill(1), [1, past + ids.length]);
        feeds['position_ids'] = int64(ids.map((_, i) => past + i), [1, ids.length]);
        const result = await session.run(feeds);
        const logits = result['logits'];
        if (!logits) throw new Error('no logits');
        const vocab = logits.dims[2] ?? 0;
        const data = logits.data as Float32Array;
        let best = 0;
        for (let v = 1, base = (ids.length - 1) * vocab; v < vocab; v++) if ((data[base + v] ?? 0) > (data[base + best] ?? 0)) best = v;
        if (best === endId) break;
        out.push(best);
        for (let i = 0; i < layers; i++) {
          for (const kv of ['key', 'value']) {
            const present = result[`present.${i}.${kv}`];
            if (present) feeds[`past_key_values.${i}.${kv}`] = present;
          }
        }
        past += ids.length;
        ids = [best];
      }
      return out;
    },
    release: () => session.release(),
  };
}
