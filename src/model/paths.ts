/** Where the shipped model lives, and its name as users see it. */
import { fileURLToPath } from 'node:url';

export const TINY_GPT_NAME = 'gpt-tutor-tiny';
/** Its fine-tuned stage (training/finetune.py): the same weights trained further on labelled question → answer pairs. */
export const TINY_CHAT_NAME = 'gpt-tutor-tiny-chat';
/** The repo's models/ folder (transformers.js `localModelPath`); each model is a subfolder. */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
/** How candidate lists show the end-of-text token (it has no text of its own). */
export const END_TEXT = '<|endoftext|>';
