/** Where the shipped model lives, and its name as users see it. */
import { fileURLToPath } from 'node:url';

export const TINY_GPT_NAME = 'gpt-tutor-tiny';
/** The repo's models/ folder (transformers.js `localModelPath`); each model is a subfolder. */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
/** How candidate lists show the end-of-text token (it has no text of its own). */
export const END_TEXT = '<|endoftext|>';
