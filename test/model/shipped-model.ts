/** Shared access to the shipped model for the model tests: one load per test file (the loader caches it). */
import { join } from 'node:path';
import { DEFAULT_MODELS_DIR, loadTinyGpt, TINY_GPT_NAME, type ModelDtype } from '../../src/model/index.js';

export const MODEL_DIR = join(DEFAULT_MODELS_DIR, TINY_GPT_NAME);

export function shipped(dtype: ModelDtype = 'q8') {
  return loadTinyGpt({ dtype });
}
