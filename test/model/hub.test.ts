/**
 * The optional hub model, downloaded for real by transformers.js from a fake hub on 127.0.0.1 that serves the
 * shipped model in the hub's file layout: progress is reported, files are cached (a second load needs no hub), and a
 * missing or unreachable hub fails fast with a message naming the fix.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { progressReporter } from '../../src/main/model-kit.js';
import { HubError, loadTinyGpt, type DownloadProgress } from '../../src/model/index.js';
import { startFakeHub, type FakeHub } from '../support/fake-hub.js';
import { MODEL_DIR } from './shipped-model.js';

const ID = 'test-org/gpt-tutor-tiny';
const CHAT_ID = 'test-org/gpt-tutor-tiny-chat';
const TEMPLATE = readFileSync(new URL('../fixtures/chat-model/chat_template.jinja', import.meta.url), 'utf8');

let hub: FakeHub;
let cacheDir: string;
beforeAll(async () => {
  const tokenizerConfig = JSON.parse(readFileSync(join(MODEL_DIR, 'tokenizer_config.json'), 'utf8')) as object;
  hub = await startFakeHub(
    { [ID]: MODEL_DIR, [CHAT_ID]: MODEL_DIR },
    { [CHAT_ID]: { 'tokenizer_config.json': JSON.stringify({ ...tokenizerConfig, chat_template: TEMPLATE }) } },
  );
  cacheDir = mkdtempSync(join(tmpdir(), 'gpt-tutor-hub-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('a model from the hub', () => {
  it('downloads with progress, caches the files, and generates like the shipped model', async () => {
    const progress: DownloadProgress[] = [];
    const gpt = await loadTinyGpt({ name: ID, hub: { url: hub.url, cacheDir, onProgress: (p) => progress.push(p) } });
    const shipped = await loadTinyGpt();
    try {
      const onnx = progress.filter((p) => p.file.endsWith('model_quantized.onnx'));
      expect(onnx.length).toBeGreaterThan(1);
      expect(onnx.at(-1)?.done).toBe(true);
      expect(onnx.some((p) => !p.done && p.total > 0 && p.loaded < p.total)).toBe(true);
      for (const file of ['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']) expect(existsSync(join(cacheDir, ID, file)), file).toBe(true);
      expect(hub.requests.some((r) => r.includes('onnx/model_quantized.onnx'))).toBe(true);
      expect(gpt.info.name).toBe(ID);
      expect(gpt.info.chatTemplate).toBe(false);
      const request = { prompt: 'Attention is', maxNewTokens: 12, temperature: 0 };
      expect((await gpt.generator.generate(request)).text).toBe((await shipped.generator.generate(request)).text);
    } finally {
      await gpt.close();
      await shipped.close();
    }
  });

  it('loads from the cache the second time, without the hub', async () => {
    const before = hub.requests.length;
    const offline = { url: 'http://127.0.0.1:9/', cacheDir }; // nothing listens on port 9
    const gpt = await loadTinyGpt({ name: ID, hub: offline });
    expect((await gpt.generator.generate({ prompt: 'GPT', maxNewTokens: 3, temperature: 0 })).newTokens).toBeGreaterThan(0);
    await gpt.close();
    expect(hub.requests.length).toBe(before);
  });

  it('reads the chat template of an instruct model', async () => {
    const gpt = await loadTinyGpt({ name: CHAT_ID, hub: { url: hub.url, cacheDir } });
    try {
      expect(gpt.info.chatTemplate).toBe(true);
      expect(gpt.chatPrompt([{ role: 'user', content: 'What is attention?' }])).toBe('<|endoftext|>user\nWhat is attention?\n<|endoftext|>assistant\n');
    } finally {
      await gpt.close();
    }
  });

  it('fails fast, naming the fix, when the hub has no such model', async () => {
    const missing = loadTinyGpt({ name: 'test-org/no-such-model', hub: { url: hub.url, cacheDir } });
    await expect(missing).rejects.toThrow(HubError);
    await expect(missing).rejects.toThrow(/no model "test-org\/no-such-model".*Fix: check MODEL/);
  });

  it('fails fast, naming the fix, when the hub cannot be reached', async () => {
    const started = Date.now();
    const unreachable = loadTinyGpt({ name: 'test-org/other', hub: { url: 'http://127.0.0.1:9/', cacheDir } });
    await expect(unreachable).rejects.toThrow(/cannot reach the model hub at http:\/\/127\.0\.0\.1:9.*MODEL_HUB_URL.*unset MODEL/);
    expect(Date.now() - started).toBeLessThan(10_000); // not a timeout: the connection is refused at once
  });

  it('refuses a hub model on the WASM backend with a message', async () => {
    await expect(loadTinyGpt({ name: ID, backend: 'wasm', hub: { url: hub.url, cacheDir } })).rejects.toThrow(/INFERENCE_BACKEND=wasm runs local model folders/);
  });
});

describe('MODEL in the configuration', () => {
  it('is off when unset, empty or none (docker compose sets a hub model by default)', () => {
    for (const value of [undefined, '', 'none']) expect(loadConfig(value === undefined ? {} : { MODEL: value }).MODEL).toBeUndefined();
    expect(loadConfig({ MODEL: 'onnx-community/Qwen2.5-0.5B-Instruct' }).MODEL).toBe('onnx-community/Qwen2.5-0.5B-Instruct');
    expect(() => loadConfig({ MODEL: 'rm -rf /' })).toThrow(/MODEL/);
  });
});

describe('download progress for people', () => {
  it('logs each file at every 10 % and draws a bar on a terminal', () => {
    const logs: { fields: object; message: string }[] = [];
    let drawn = '';
    const tty = { isTTY: true, write: (text: string) => ((drawn += text), true) } as unknown as NodeJS.WriteStream;
    const report = progressReporter((fields, message) => logs.push({ fields, message }), tty);
    for (let loaded = 0; loaded <= 1000; loaded += 50) report({ file: 'onnx/model_quantized.onnx', loaded, total: 1000, done: false });
    report({ file: 'onnx/model_quantized.onnx', loaded: 1000, total: 1000, done: true });
    expect(logs.map((l) => (l.fields as { percent: number }).percent)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100]);
    expect(logs.at(-1)?.message).toBe('model file ready');
    expect(drawn).toContain('[###############...............]  50%');
    expect(drawn.endsWith('100% 0.0/0.0 MB\n')).toBe(true);
  });

  it('draws nothing when stderr is not a terminal (logs only)', () => {
    let drawn = '';
    const pipe = { isTTY: false, write: (text: string) => ((drawn += text), true) } as unknown as NodeJS.WriteStream;
    progressReporter(() => undefined, pipe)({ file: 'config.json', loaded: 10, total: 10, done: true });
    expect(drawn).toBe('');
  });
});
