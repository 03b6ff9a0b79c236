/**
 * A ModelKit with a scripted "model" for adapter tests: /generate streams a fixed text one character every
 * `stepMs` (slow enough to see streamed edits being paced), /compare's fine-tuned stage another, /attention returns a
 * small map and a real 1×1 PNG.
 * Loads instantly; no onnxruntime.
 */
import type { AttentionMap, GenerationResult, ModelKit, TextGenerator } from '../../src/core/model-port.js';

/** A valid 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface SlowModelOptions {
  /** The text every /generate produces (cut to max_new_tokens characters). */
  text?: string;
  stepMs?: number;
}

/** What the scripted fine-tuned stage answers to every question (shorter than /compare's 48 new tokens). */
export const TUNED_ANSWER = 'Transformer: the network GPT is built from.';

/** A "model" that streams `script` one character every `stepMs` (cut to max_new_tokens characters). */
function scriptedGenerator(modelName: string, script: string, stepMs: number): TextGenerator {
  return {
    modelName,
    async generate(request, onText): Promise<GenerationResult> {
      const chars = [...script].slice(0, request.maxNewTokens);
      for (let i = 1; i <= chars.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, stepMs));
        onText?.(chars.slice(0, i).join(''));
      }
      const first = chars[0] ?? '';
      return {
        text: chars.join(''),
        newTokens: chars.length,
        promptTrimmed: false,
        steps: [{ chosen: first, candidates: [{ text: first, probability: 0.6 }, { text: '<b>&', probability: 0.4 }] }],
        stoppedBy: 'max_new_tokens',
      };
    },
  };
}

export function slowModelKit(options: SlowModelOptions = {}): () => Promise<ModelKit> {
  const script = options.text ?? 'attention lets every token look back at the tokens before it and decide which ones matter.';
  const stepMs = options.stepMs ?? 20;
  const kit: ModelKit = {
    name: 'scripted-slow',
    context: 128,
    layers: 2,
    heads: 2,
    parameters: 1_000,
    generator: scriptedGenerator('scripted-slow', script, stepMs),
    // /compare's fine-tuned stage: its own scripted answer, asked through a chat template like the real one.
    tuned: { modelName: 'scripted-slow-chat', prompt: (question) => `Q: ${question}\nA:`, generator: scriptedGenerator('scripted-slow-chat', TUNED_ANSWER, stepMs) },
    probe: {
      async attention(text, layer = 1, head = 0): Promise<AttentionMap> {
        const tokens = [...text].slice(0, 6);
        const weights = tokens.map((_, row) => tokens.map((__, column) => (column <= row ? 1 / (row + 1) : 0)));
        return { tokens, layer, head, layers: 2, heads: 2, weights };
      },
    },
    drawing: {
      png: async () => new Uint8Array(TINY_PNG),
      strongestLinks: (map, topN) =>
        map.tokens.slice(1, topN + 1).map((token, index) => ({ fromText: token, toText: map.tokens[index] ?? '', weight: 0.5 })),
    },
  };
  return async () => kit;
}
