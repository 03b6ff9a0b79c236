/**
 * How likely a model finds a text: the summed negative log-likelihood of its tokens, each given the ones before it
 * (starting after the end token, as every document of the training stream does). Bits per byte follow from it and
 * compare models whatever their tokenizers (npm run eval:model). A text longer than the context is scored with a
 * window that restarts on the latest half of the context.
 */
import type { Forward, ForwardOutput } from './forward-pass.js';

export interface TextScore {
  /** Σ −ln p(token | earlier tokens), over the text's tokens (not the end token). */
  nats: number;
  tokens: number;
  /** UTF-8 bytes of the text. */
  bytes: number;
}

export interface Scorable {
  forward: Forward;
  context: number;
  endId: number;
  encode(text: string): number[];
}

export async function scoreText(model: Scorable, text: string): Promise<TextScore> {
  const ids = model.encode(text);
  let window = [model.endId];
  let out: ForwardOutput = await model.forward({ ids: window, rows: 1, seq: 1, pads: [0], past: null });
  let nats = 0;
  for (const [t, id] of ids.entries()) {
    nats += -logSoftmaxAt(out.logits, id);
    if (t === ids.length - 1) break;
    window.push(id);
    if (out.present.length + 1 > model.context) {
      // Full: start again from the latest half of the context, so every token keeps a long left context.
      window = window.slice(window.length - Math.floor(model.context / 2));
      out = await model.forward({ ids: window, rows: 1, seq: window.length, pads: [0], past: null });
    } else {
      out = await model.forward({ ids: [id], rows: 1, seq: 1, pads: [0], past: out.present });
    }
  }
  return { nats, tokens: ids.length, bytes: Buffer.byteLength(text) };
}

function logSoftmaxAt(logits: Float32Array, id: number): number {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  return (logits[id] ?? -Infinity) - max - Math.log(sum);
}
