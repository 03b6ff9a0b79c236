/**
 * What the core asks of a language model, so handlers can teach with a real GPT without knowing the runtime
 * (transformers.js / onnxruntime live in src/model/, behind these interfaces).
 */

export interface GenerationRequest {
  prompt: string;
  /** Upper bound on new tokens; generation also stops at the end token or the context limit. */
  maxNewTokens: number;
  /** 0 = greedy (always the likeliest token). */
  temperature: number;
  topK?: number | undefined;
  topP?: number | undefined;
  /** Same seed, same request → same text. */
  seed?: number | undefined;
  /** How many of the first steps to report with their top candidates (at least 1: the first new token). */
  explainSteps?: number | undefined;
  /** ≥ 1; 1 (the default) leaves the model's scores alone. Ids already generated lose likelihood (CTRL's rule). */
  repetitionPenalty?: number | undefined;
  /** Never repeat an n-gram of this many tokens (prompt included); 0 (the default) allows any. */
  noRepeatNgram?: number | undefined;
  /** Stop at the end of the first paragraph (a blank line after some text), or at a run of blank lines before any. */
  stopAtParagraph?: boolean | undefined;
}

/** One candidate for the next token, its text grouped into whole characters (no lone UTF-8 byte pieces). */
export interface TokenCandidate {
  text: string;
  probability: number;
}

/** What the model saw as options at one step, and what it picked. */
export interface GenerationStep {
  chosen: string;
  candidates: TokenCandidate[];
}

export interface GenerationResult {
  /** The new text only (not the prompt). */
  text: string;
  newTokens: number;
  /** True when the prompt was cut (from the start) to fit the context window with the new tokens. */
  promptTrimmed: boolean;
  /** Candidates at the first `explainSteps` steps (top 5 each). */
  steps: GenerationStep[];
  /** Why generation stopped. */
  stoppedBy: 'end_token' | 'paragraph_end' | 'max_new_tokens' | 'context';
}

export interface TextGenerator {
  /** The model's name as users see it, e.g. "gpt-tutor-tiny". */
  readonly modelName: string;
  /** Generates; `onText` receives the new text so far as it grows (whole characters only), best effort. */
  generate(request: GenerationRequest, onText?: (textSoFar: string) => void): Promise<GenerationResult>;
}

/** Attention weights of one layer and head over a sentence, with tokens grouped into whole characters. */
export interface AttentionMap {
  /** Labels of the rows/columns (grouped tokens). */
  tokens: string[];
  /** 0-based layer and head shown, and how many there are. */
  layer: number;
  head: number;
  layers: number;
  heads: number;
  /** weights[i][j]: how much position i attends to position j; each row sums to 1; causal (0 above the diagonal). */
  weights: number[][];
}

export interface AttentionProbe {
  attention(text: string, layer?: number, head?: number): Promise<AttentionMap>;
}

/** One link of an attention map in words: position `from` pays `weight` of its attention to earlier position `to`. */
export interface AttentionLinkText {
  fromText: string;
  toText: string;
  weight: number;
}

/** Drawing an attention map (a PNG with a shipped font) and describing it for readers who cannot see images. */
export interface AttentionDrawing {
  png(map: AttentionMap, captions: { title: string; rows: string; columns: string }): Promise<Uint8Array>;
  strongestLinks(map: AttentionMap, topN: number): AttentionLinkText[];
}

/** A message of a conversation for a model with a chat template. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** An instruct model (MODEL=<hub id or path> with a chat template): answers questions from a conversation. */
export interface ChatGenerator {
  readonly modelName: string;
  /** Its text comes from outside the project (a hub model): group chats get it only through the moderation filter. */
  readonly external: boolean;
  /** The model tokenizer's count of tokens in a text (prompt budgets); absent: estimated from its length. */
  countTokens?(text: string): number;
  generate(messages: ChatMessage[], request: Omit<GenerationRequest, 'prompt'>, onText?: (textSoFar: string) => void): Promise<GenerationResult>;
}

/**
 * The fine-tuned stage of the tutor's own GPT (gpt-tutor-tiny-chat): the pretrained weights trained further on
 * labelled question → answer pairs. It is asked through its chat template, as an instruct model is.
 */
export interface TunedStage {
  readonly modelName: string;
  /** The prompt its chat template makes of one question (the assistant turn opened): what /compare gives both stages. */
  prompt(question: string): string;
  generator: TextGenerator;
}

/** The tutor's own GPT as the core uses it, loaded once per process on first use. */
export interface ModelKit {
  name: string;
  /** Context window in tokens, layers and heads (for option bounds and explanations). */
  context: number;
  layers: number;
  heads: number;
  parameters: number;
  generator: TextGenerator;
  probe: AttentionProbe;
  drawing: AttentionDrawing;
  /** The fine-tuned stage, when the models folder has it (/compare). */
  tuned?: TunedStage | undefined;
  /** The optional instruct model /explain answers free questions with (absent: curated lessons only). */
  chat?: ChatGenerator | undefined;
}

/** How services get the model kit: loaded on first use. `chat` says, without loading, whether MODEL is configured. */
export interface ModelKitLoader {
  (): Promise<ModelKit>;
  chat?: boolean | undefined;
}
