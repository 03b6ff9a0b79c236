/**
 * Attention probe: a second export of the same weights without the cache that returns every layer's attention
 * weights (`attentions.{layer}`: [1, heads, seq, seq]), run directly on the model's runtime.
 */
import type { AttentionMap, AttentionProbe } from '../core/model-port.js';
import type { OrtModule, OrtSession } from './forward-pass.js';
import { groupTokens, type TokenGroup } from './utf8.js';

export interface ProbeModel {
  ort: OrtModule;
  session: OrtSession;
  layers: number;
  heads: number;
  context: number;
  tokenBytes: readonly Uint8Array[];
  encode(text: string): number[];
  /** The view when none is asked (the manifest's attention_default, measured at build time). */
  defaultLayer: number;
  defaultHead: number;
}


/**
 * Merges token-level weights into character groups. Columns are summed (attention paid to any piece of a character
 * is paid to the character) and rows are averaged over the character's pieces (each piece is a query; the
 * character attends as its pieces do on average). Each token row sums to 1, so merged rows do too; they are
 * renormalized only to absorb rounding. Causality survives: a later group's columns are all in the future.
 */
export function mergeGroups(weights: Float32Array, n: number, groups: readonly TokenGroup[]): number[][] {
  return groups.map((row) => {
    const merged = groups.map((col) => {
      let sum = 0;
      for (let i = row.start; i < row.end; i++) {
        for (let j = col.start; j < col.end; j++) sum += weights[i * n + j] ?? 0;
      }
      return sum / (row.end - row.start);
    });
    const total = merged.reduce((a, b) => a + b, 0);
    return merged.map((w) => w / total);
  });
}

function checkIndex(name: string, value: number, count: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= count) {
    throw new RangeError(`${name} must be an integer from 0 to ${count - 1}, got ${value}`);
  }
  return value;
}

export class TinyGptProbe implements AttentionProbe {
  constructor(private readonly model: ProbeModel) {}

  async attention(text: string, layer?: number, head?: number): Promise<AttentionMap> {
    const m = this.model;
    layer ??= m.defaultLayer;
    head ??= m.defaultHead;
    checkIndex('layer', layer, m.layers);
    checkIndex('head', head, m.heads);
    const ids = m.encode(text);
    if (ids.length === 0) throw new RangeError('the text to probe is empty');
    if (ids.length > m.context) {
      throw new RangeError(`the text is ${ids.length} tokens; the model's context is ${m.context}`);
    }
    const input = new m.ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]);
    const out = await m.session.run({ input_ids: input });
    const tensor = out[`attentions.${layer}`];
    if (!tensor) throw new Error(`the probe has no output attentions.${layer}`);
    const n = ids.length;
    const all = tensor.data as Float32Array;
    const weights = all.subarray(head * n * n, (head + 1) * n * n);
    const groups = groupTokens(ids, m.tokenBytes);
    return {
      tokens: groups.map((g) => g.text),
      layer,
      head,
      layers: m.layers,
      heads: m.heads,
      weights: mergeGroups(weights, n, groups),
    };
  }
}
