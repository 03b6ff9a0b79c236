/** The tutor's GPT (shipped, or a hub model) behind the core's TextGenerator and AttentionProbe ports. */
export { loadTinyGpt, PROBE_FILE, type LoadOptions } from './load.js';
export { MODEL_DTYPES, type ChatMessage, type ModelDtype, type TinyGpt, type TinyGptInfo } from './tiny-gpt.js';
export { INFERENCE_BACKENDS, loadRuntime, type InferenceBackend } from './backend.js';
export { DEFAULT_HUB_URL, HubError, type DownloadProgress, type HubOptions } from './hub.js';
export type { BatchStats } from './generator.js';
export { DEFAULT_MODELS_DIR, END_TEXT, TINY_CHAT_NAME, TINY_GPT_NAME } from './paths.js';
export { MAX_NEW_TOKENS_LIMIT } from './request.js';
export { openBaseline, type BaselineSession, type BaselineShape } from './ort-baseline.js';
export { promptOpensThought, visibleAnswer } from './reasoning.js';
