/**
 * A local model folder's tokenizer without transformers.js: @huggingface/tokenizers (the library transformers.js
 * itself tokenizes with, so ids are the same) reads tokenizer.json, and @huggingface/jinja renders the chat template
 * from tokenizer_config.json when there is one. Importing these instead of transformers.js keeps a worker's start-up
 * and memory small.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from '@huggingface/jinja';
import { Tokenizer } from '@huggingface/tokenizers';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LocalTokenizer {
  encode(text: string): number[];
  /** The chat template, when the model has one. */
  chatTemplate: string | undefined;
  chatPrompt(messages: ChatTurn[]): string;
}

interface TokenizerConfig {
  chat_template?: string | { name: string; template: string }[];
  bos_token?: string | { content: string };
  eos_token?: string | { content: string };
}

const tokenText = (token: TokenizerConfig['bos_token']) => (typeof token === 'string' ? token : token?.content ?? '');

export function loadLocalTokenizer(folder: string): LocalTokenizer {
  const json = JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')) as object;
  const configPath = join(folder, 'tokenizer_config.json');
  const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as TokenizerConfig) : {};
  const tokenizer = new Tokenizer(json, config);
  const raw = config.chat_template;
  const chatTemplate = typeof raw === 'string' ? raw : raw?.find((t) => t.name === 'default')?.template;
  const template = chatTemplate ? new Template(chatTemplate) : undefined;
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    chatTemplate,
    chatPrompt(messages) {
      if (!template) throw new Error('this model has no chat template');
      // enable_thinking: false asks a reasoning template (Qwen3) for a direct answer; other templates ignore it.
      return template.render({ messages, add_generation_prompt: true, enable_thinking: false, bos_token: tokenText(config.bos_token), eos_token: tokenText(config.eos_token) });
    },
  };
}
