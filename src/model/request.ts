/** Checks a generation request at the model's edge (the core validates user input first; this guards callers). */
import type { GenerationRequest } from '../core/model-port.js';

/** Far above any sensible request; the context window bounds the real output anyway. */
export const MAX_NEW_TOKENS_LIMIT = 4096;

export interface CheckedRequest {
  prompt: string;
  maxNewTokens: number;
  temperature: number;
  topK: number | undefined;
  topP: number | undefined;
  seed: number | undefined;
  explainSteps: number;
  repetitionPenalty: number;
  noRepeatNgram: number;
  stopAtParagraph: boolean;
}

/** Longer n-grams than this are never repeated anyway within a tiny model's context; a bound keeps the check cheap. */
export const MAX_NO_REPEAT_NGRAM = 16;

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function checkRequest(r: GenerationRequest): CheckedRequest {
  if (typeof r.prompt !== 'string') throw new TypeError('prompt must be a string');
  if (!Number.isFinite(r.temperature) || r.temperature < 0) {
    throw new RangeError(`temperature must be a finite number ≥ 0, got ${r.temperature}`);
  }
  if (r.topP !== undefined && !(r.topP > 0 && r.topP <= 1)) {
    throw new RangeError(`topP must be in (0, 1], got ${r.topP}`);
  }
  if (r.repetitionPenalty !== undefined && !(Number.isFinite(r.repetitionPenalty) && r.repetitionPenalty >= 1)) {
    throw new RangeError(`repetitionPenalty must be a finite number ≥ 1, got ${r.repetitionPenalty}`);
  }
  return {
    prompt: r.prompt,
    maxNewTokens: integerIn('maxNewTokens', r.maxNewTokens, 1, MAX_NEW_TOKENS_LIMIT),
    temperature: r.temperature,
    topK: r.topK === undefined ? undefined : integerIn('topK', r.topK, 1, Number.MAX_SAFE_INTEGER),
    topP: r.topP,
    // Seeds are used as 32-bit unsigned integers; any safe integer is accepted and reduced.
    seed: r.seed === undefined ? undefined : integerIn('seed', r.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) >>> 0,
    explainSteps: r.explainSteps === undefined ? 1 : integerIn('explainSteps', r.explainSteps, 1, MAX_NEW_TOKENS_LIMIT),
    repetitionPenalty: r.repetitionPenalty ?? 1,
    noRepeatNgram: r.noRepeatNgram === undefined ? 0 : integerIn('noRepeatNgram', r.noRepeatNgram, 0, MAX_NO_REPEAT_NGRAM),
    stopAtParagraph: r.stopAtParagraph === true,
  };
}
