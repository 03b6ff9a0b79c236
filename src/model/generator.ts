/**
 * The decode loop behind TextGenerator: one cached forward step per token, our own sampling, whole-character
 * streaming, and "how it chose" candidates grouped into whole characters.
 */
import type { GenerationRequest, GenerationResult, GenerationStep, TextGenerator } from '../core/model-port.js';
import { END_TEXT } from './paths.js';
import type { DecoderStep, PastKeyValues } from './runtime.js';
import { argmax, pick, samplingDistribution, seededRandom, topIds } from './sampling.js';
import { checkRequest } from './request.js';
import { completePrefixLength, concatBytes, decodeWhole, pieceText } from './utf8.js';

export const CANDIDATES_PER_STEP = 5;

export interface GeneratorModel {
  name: string;
  context: number;
  endId: number;
  tokenBytes: readonly Uint8Array[];
  encode(text: string): number[];
  step: DecoderStep;
}

/** Keeps prompt + new tokens within the context: cut the prompt from the start, keeping at least one token. */
export function fitToContext(ids: number[], maxNewTokens: number, context: number): { ids: number[]; trimmed: boolean } {
  const room = Math.max(1, context - maxNewTokens);
  return ids.length > room ? { ids: ids.slice(ids.length - room), trimmed: true } : { ids, trimmed: false };
}

export class TinyGptGenerator implements TextGenerator {
  readonly modelName: string;

  constructor(private readonly model: GeneratorModel) {
    this.modelName = model.name;
  }

  async generate(request: GenerationRequest, onText?: (textSoFar: string) => void): Promise<GenerationResult> {
    const req = checkRequest(request);
    const m = this.model;
    const greedy = req.temperature === 0;
    // No seed: a fresh one, so unseeded samples differ run to run.
    const random = seededRandom(req.seed ?? Math.floor(Math.random() * 2 ** 32));
    const encoded = m.encode(req.prompt);
    const fitted = fitToContext(encoded.length > 0 ? encoded : [m.endId], req.maxNewTokens, m.context);
    const steps: GenerationStep[] = [];
    const pieces: Uint8Array[] = [];
    let pastLength = 0;
    let { logits, past } = await m.step(fitted.ids, null, pastLength);
    pastLength = fitted.ids.length;
    let streamed = '';
    let whole = true; // the bytes so far end on a character boundary
    let openStep: GenerationStep | null = null; // explained step whose chosen character is still incomplete
    let openAt = 0; // index in pieces where the open step began
    // Prompt + new tokens never exceed the context: the last new token is never fed back, but it counts.
    const limit = Math.min(req.maxNewTokens, m.context - fitted.ids.length);
    let stoppedBy: GenerationResult['stoppedBy'] = limit < req.maxNewTokens ? 'context' : 'max_new_tokens';
    for (let n = 0; n < limit; n++) {
      const explain: boolean = whole && openStep === null && steps.length < req.explainSteps;
      // Greedy steps that are not explained need no probabilities: the arg-max of the logits is the choice.
      const probs: Float64Array | null = greedy && !explain ? null : samplingDistribution(logits, req);
      if (explain && probs) {
        openStep = { chosen: '', candidates: await this.candidates(probs, past, pastLength) };
        steps.push(openStep);
        openAt = pieces.length;
      }
      const id = probs ? pick(probs, greedy, random) : argmax(logits);
      if (id === m.endId) {
        stoppedBy = 'end_token';
        if (openStep && openStep.chosen === '') openStep.chosen = END_TEXT;
        break;
      }
      pieces.push(m.tokenBytes[id] ?? new Uint8Array(0));
      const bytes = concatBytes(pieces);
      whole = completePrefixLength(bytes) === bytes.length;
      const text = decodeWhole(bytes);
      if (openStep && whole) {
        // The step's pieces are complete: its text, or (stray bytes that made no text) the bytes themselves.
        openStep.chosen = text.length > streamed.length ? text.slice(streamed.length) : pieceText(concatBytes(pieces.slice(openAt)));
        openStep = null;
      }
      if (text !== streamed) {
        streamed = text;
        onText?.(streamed);
      }
      if (n + 1 === limit) break;
      ({ logits, past } = await m.step([id], past, pastLength));
      pastLength += 1;
    }
    // Bytes of a character cut off by the token limit are dropped: the text is whole characters, as streamed.
    return { text: streamed, newTokens: pieces.length, promptTrimmed: fitted.trimmed, steps, stoppedBy };
  }

  /**
   * Top candidates for the next token. A candidate that is only part of a character (a byte token) is completed
   * greedily, up to 3 more tokens, so it shows as a whole character; its probability is that of the whole path.
   * Candidates that end up as the same text are merged (probabilities added).
   */
  private async candidates(probs: Float64Array, past: PastKeyValues, pastLength: number) {
    const m = this.model;
    const merged = new Map<string, number>();
    for (const id of topIds(probs, CANDIDATES_PER_STEP)) {
      let p = probs[id] ?? 0;
      if (p <= 0) continue;
      let text = END_TEXT;
      if (id !== m.endId) {
        const path = [m.tokenBytes[id] ?? new Uint8Array(0)];
        let branch = { past, last: id, length: pastLength };
        for (let extra = 0; extra < 3 && branch.length < m.context && !isWhole(path); extra++) {
          const out = await m.step([branch.last], branch.past, branch.length);
          const next = samplingDistribution(out.logits, { temperature: 0 });
          const best = topIds(next, 1)[0] ?? m.endId;
          if (best === m.endId) break;
          p *= next[best] ?? 0;
          path.push(m.tokenBytes[best] ?? new Uint8Array(0));
          branch = { past: out.past, last: best, length: branch.length + 1 };
        }
        text = pieceText(concatBytes(path)); // a piece that never completes shows as its bytes
      }
      merged.set(text, (merged.get(text) ?? 0) + p);
    }
    return [...merged].map(([text, probability]) => ({ text, probability })).sort((a, b) => b.probability - a.probability);
  }
}

function isWhole(parts: Uint8Array[]): boolean {
  const bytes = concatBytes(parts);
  return completePrefixLength(bytes) === bytes.length;
}
