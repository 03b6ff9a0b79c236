/** The tiny GPT behind the core's TextGenerator and AttentionProbe ports. */
export { loadTinyGpt, PROBE_FILE, type LoadOptions, type ModelDtype, type TinyGpt, type TinyGptInfo } from './load.js';
export { DEFAULT_MODELS_DIR, END_TEXT, TINY_GPT_NAME } from './paths.js';
export { MAX_NEW_TOKENS_LIMIT } from './request.js';
export { openBaseline, type BaselineSession, type BaselineShape } from './ort-baseline.js';
