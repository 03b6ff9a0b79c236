/**
 * The decode loop behind TextGenerator. Concurrent requests share forward passes (micro-batching): each request is
 * prefilled alone, then joins the running batch as a left-padded row; every step feeds each row its last token,
 * and each row picks its next token with its own settings and random generator, streams whole characters, and
 * leaves the batch at its end token or limit (its cache columns are dropped). One request alone is a batch of one.
 * A prefill starts from the kept cache of the longest beginning it shares with earlier prompts (prefix-cache.ts).
 */
import type { GenerationRequest, GenerationResult, GenerationStep, TextGenerator } from '../core/model-port.js';
import { relayout, type KvCache, type KvShape, type RowSource } from './kv.js';
import { END_TEXT } from './paths.js';
import type { PrefixCache, PrefixStats } from './prefix-cache.js';
import { checkRequest, type CheckedRequest } from './request.js';
import type { Forward } from './forward-pass.js';
import { chooseNext, pick, samplingDistribution, seededRandom, topIds } from './sampling.js';
import { completePrefixLength, concatBytes, pieceText } from './utf8.js';
import { paragraphEnd, penalize } from './readable.js';

export const CANDIDATES_PER_STEP = 5;
/** Rows one forward pass may carry; more concurrent requests wait for a row to leave. */
export const DEFAULT_MAX_BATCH = 16;

export interface GeneratorModel {
  name: string;
  context: number;
  /** Token ids that end a text (the first one also stands in for an empty prompt). */
  endIds: readonly number[];
  tokenBytes: readonly Uint8Array[];
  encode(text: string): number[];
  kv: KvShape;
  forward: Forward;
  /** Rows per forward pass (default 16). */
  maxBatch?: number;
  /** Keeps prompt beginnings' caches for later prompts that share them (absent: every prefill runs whole). */
  prefixCache?: PrefixCache | undefined;
}

/** What the batcher has done so far: tests check that batches larger than one ran. */
export interface BatchStats {
  /** Forward passes over the batch (prefills and look-aheads not counted). */
  steps: number;
  /** Tokens those passes produced (one per row per step). */
  rowSteps: number;
  largestBatch: number;
}

/** Keeps prompt + new tokens within the context: cut the prompt from the start, keeping at least one token. */
export function fitToContext(ids: number[], maxNewTokens: number, context: number): { ids: number[]; trimmed: boolean } {
  const room = Math.max(1, context - maxNewTokens);
  return ids.length > room ? { ids: ids.slice(ids.length - room), trimmed: true } : { ids, trimmed: false };
}

/** A single row's own cache (for look-aheads outside the batch). */
interface Solo {
  past: KvCache;
}

const decoder = new TextDecoder('utf-8');

/** One request's decoding: token choice, whole-character streaming, explained steps, stop reasons. */
class Row {
  readonly prompt: number[];
  readonly trimmed: boolean;
  readonly limit: number;
  readonly greedy: boolean;
  readonly random: () => number;
  stoppedBy: GenerationResult['stoppedBy'];
  /** The last chosen token: fed at the next step. */
  last = -1;
  /** Leading zero columns of this row in the batch cache. */
  pad = 0;
  newTokens = 0;
  /** The prompt and the ids chosen so far (the repetition rules read them). */
  private readonly history: number[];
  text = '';
  private tail = new Uint8Array(0); // bytes of an unfinished character
  readonly steps: GenerationStep[] = [];
  private openStep: GenerationStep | null = null; // explained step whose chosen character is still incomplete
  private openPieces: Uint8Array[] = [];
  private openText = 0; // text length when the open step began

  constructor(
    private readonly model: GeneratorModel,
    readonly req: CheckedRequest,
    private readonly onText: ((textSoFar: string) => void) | undefined,
  ) {
    const encoded = model.encode(req.prompt);
    const fitted = fitToContext(encoded.length > 0 ? encoded : [model.endIds[0] ?? 0], req.maxNewTokens, model.context);
    this.prompt = fitted.ids;
    this.trimmed = fitted.trimmed;
    this.history = [...fitted.ids];
    // Prompt + new tokens never exceed the context: the last new token is never fed back, but it counts.
    this.limit = Math.min(req.maxNewTokens, model.context - fitted.ids.length);
    this.stoppedBy = this.limit < req.maxNewTokens ? 'context' : 'max_new_tokens';
    this.greedy = req.temperature === 0;
    // No seed: a fresh one, so unseeded samples differ run to run.
    this.random = seededRandom(req.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /**
   * Takes the logits for this row's next token; returns true while the row goes on. `solo` gives the row's own
   * cache when an explained step needs look-aheads.
   */
  async advance(modelLogits: Float32Array, solo: (row: Row) => Solo): Promise<boolean> {
    const m = this.model;
    const logits = penalize(modelLogits, this.history, this.prompt.length, this.req.repetitionPenalty, this.req.noRepeatNgram);
    const explain = this.tail.length === 0 && this.openStep === null && this.steps.length < this.req.explainSteps;
    let id: number;
    if (explain) {
      const probs = samplingDistribution(logits, this.req);
      this.openStep = { chosen: '', candidates: await this.candidates(probs, solo(this)) };
      this.steps.push(this.openStep);
      this.openPieces = [];
      this.openText = this.text.length;
      id = pick(probs, this.greedy, this.random);
    } else {
      id = chooseNext(logits, this.req, this.random);
    }
    if (m.endIds.includes(id)) {
      this.stoppedBy = 'end_token';
      if (this.openStep && this.openStep.chosen === '') this.openStep.chosen = END_TEXT;
      return false;
    }
    this.newTokens += 1;
    this.last = id;
    this.history.push(id);
    const piece = m.tokenBytes[id] ?? new Uint8Array(0);
    if (this.openStep) this.openPieces.push(piece);
    const bytes = this.tail.length > 0 ? concatBytes([this.tail, piece]) : piece;
    const whole = completePrefixLength(bytes);
    // Bytes that can never form a character (a sampled stray byte token) are left out rather than shown as U+FFFD.
    const added = whole > 0 ? decoder.decode(bytes.subarray(0, whole)).replace(/\uFFFD/g, '') : '';
    this.tail = bytes.slice(whole);
    if (this.openStep && this.tail.length === 0) {
      // The step's pieces are complete: its text, or (stray bytes that made no text) the bytes themselves.
      this.openStep.chosen = added.length > 0 ? this.text.slice(this.openText) + added : pieceText(concatBytes(this.openPieces));
      this.openStep = null;
    }
    if (added.length > 0) {
      const paragraph = this.req.stopAtParagraph ? paragraphEnd(this.text + added) : undefined;
      if (paragraph !== undefined) {
        this.text = paragraph;
        this.stoppedBy = 'paragraph_end';
        return false;
      }
      this.text += added;
      this.onText?.(this.text);
    }
    return this.newTokens < this.limit;
  }

  result(): GenerationResult {
    // Bytes of a character cut off by the token limit are dropped: the text is whole characters, as streamed.
    return { text: this.text, newTokens: this.newTokens, promptTrimmed: this.trimmed, steps: this.steps, stoppedBy: this.stoppedBy };
  }

  /**
   * Top candidates for the next token. A candidate that is only part of a character (a byte token) is completed
   * greedily, up to 3 more tokens, so it shows as a whole character; its probability is that of the whole path.
   * Candidates that end up as the same text are merged (probabilities added).
   */
  private async candidates(probs: Float64Array, solo: Solo) {
    const m = this.model;
    const merged = new Map<string, number>();
    for (const id of topIds(probs, CANDIDATES_PER_STEP)) {
      let p = probs[id] ?? 0;
      if (p <= 0) continue;
      let text = END_TEXT;
      if (!m.endIds.includes(id)) {
        const path = [m.tokenBytes[id] ?? new Uint8Array(0)];
        let branch = { past: solo.past, last: id };
        for (let extra = 0; extra < 3 && branch.past.length < m.context && !isWhole(path); extra++) {
          const out = await m.forward({ ids: [branch.last], rows: 1, seq: 1, pads: [0], past: branch.past });
          const next = samplingDistribution(out.logits, { temperature: 0 });
          const best = topIds(next, 1)[0] ?? -1;
          if (best < 0 || m.endIds.includes(best)) break;
          p *= next[best] ?? 0;
          path.push(m.tokenBytes[best] ?? new Uint8Array(0));
          branch = { past: out.present, last: best };
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

interface Job {
  row: Row;
  resolve(result: GenerationResult): void;
  reject(error: unknown): void;
}

export class TinyGptGenerator implements TextGenerator {
  readonly modelName: string;
  readonly stats: BatchStats = { steps: 0, rowSteps: 0, largestBatch: 0 };
  private readonly maxBatch: number;
  private pending: Job[] = [];
  private active: Job[] = [];
  private cache: KvCache | null = null;
  private running = false;

  /** How often prefills started from kept prompt beginnings (undefined: no prefix cache). */
  get prefixStats(): PrefixStats | undefined {
    return this.model.prefixCache?.stats;
  }

  constructor(private readonly model: GeneratorModel) {
    this.modelName = model.name;
    this.maxBatch = model.maxBatch ?? DEFAULT_MAX_BATCH;
  }

  generate(request: GenerationRequest, onText?: (textSoFar: string) => void): Promise<GenerationResult> {
    try {
      const row = new Row(this.model, checkRequest(request), onText);
      return new Promise((resolve, reject) => {
        this.pending.push({ row, resolve, reject });
        if (!this.running) void this.loop();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0 || this.active.length > 0) {
        if (this.pending.length > 0) await this.admit();
        if (this.active.length > 0) await this.step();
      }
    } finally {
      this.running = false;
    }
  }

  /** Prefills waiting requests one by one and merges those that go on into the batch (one cache copy for all). */
  private async admit(): Promise<void> {
    const joining: { job: Job; solo: KvCache }[] = [];
    while (this.pending.length > 0 && this.active.length + joining.length < this.maxBatch) {
      const job = this.pending.shift()!;
      try {
        const { row } = job;
        const kept = this.model.prefixCache?.lookup(row.prompt);
        const fresh = kept ? row.prompt.slice(kept.length) : row.prompt;
        const out = await this.model.forward({ ids: fresh, rows: 1, seq: fresh.length, pads: [0], past: kept?.past ?? null });
        this.model.prefixCache?.remember(row.prompt, out.present, kept?.length ?? 0);
        const goesOn = await row.advance(out.logits, () => ({ past: out.present }));
        if (goesOn) joining.push({ job, solo: out.present });
        else job.resolve(row.result());
      } catch (error) {
        job.reject(error);
      }
    }
    if (joining.length === 0) return;
    const length = Math.max(this.cache?.length ?? 0, ...joining.map((j) => j.solo.length));
    const sources: RowSource[] = [];
    for (const [i, job] of this.active.entries()) {
      const grow = length - this.cache!.length;
      job.row.pad += grow;
      sources.push({ source: this.cache!, row: i, from: 0, pad: grow });
    }
    for (const { job, solo } of joining) {
      job.row.pad = length - solo.length;
      sources.push({ source: solo, row: 0, from: 0, pad: job.row.pad });
      this.active.push(job);
    }
    this.cache = relayout(this.model.kv, sources, length);
  }

  /** One forward pass over the batch; rows that finish leave it. */
  private async step(): Promise<void> {
    const rows = this.active.length;
    let out;
    try {
      out = await this.model.forward({
        ids: this.active.map((job) => job.row.last),
        rows,
        seq: 1,
        pads: this.active.map((job) => job.row.pad),
        past: this.cache,
      });
    } catch (error) {
      for (const job of this.active) job.reject(error);
      this.active = [];
      this.cache = null;
      return;
    }
    this.stats.steps += 1;
    this.stats.rowSteps += rows;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, rows);
    const cache = out.present;
    const staying: number[] = [];
    const rowsNow = this.active.map((job) => job.row);
    // An explained step's look-aheads need the row's own cache: copied out only then.
    const solo = (row: Row): Solo => ({ past: rowCache(this.model.kv, cache, rowsNow.indexOf(row), row.pad) });
    for (const [i, job] of this.active.entries()) {
      const logits = out.logits.subarray(i * out.vocab, (i + 1) * out.vocab);
      try {
        if (await job.row.advance(logits, solo)) staying.push(i);
        else job.resolve(job.row.result());
      } catch (error) {
        job.reject(error);
      }
    }
    if (staying.length === rows) {
      this.cache = cache;
      return;
    }
    // Rows left: drop them, and the leading columns that are padding in every remaining row.
    const remaining = staying.map((i) => this.active[i]!);
    this.active = remaining;
    if (remaining.length === 0) {
      this.cache = null;
      return;
    }
    const cut = Math.min(...remaining.map((job) => job.row.pad));
    this.cache = relayout(
      this.model.kv,
      staying.map((i) => ({ source: cache, row: i, from: cut, pad: 0 })),
      cache.length - cut,
    );
    for (const job of remaining) job.row.pad -= cut;
  }
}

/** One row of a batch cache without its padding, as a cache of its own. */
function rowCache(shape: KvShape, cache: KvCache, row: number, pad: number): KvCache {
  return relayout(shape, [{ source: cache, row, from: pad, pad: 0 }], cache.length - pad);
}
