/**
 * The production path on a model of the production architecture: a Qwen2-shaped model (2 layers, GQA with 2 KV
 * heads, RoPE, SwiGLU, the real 151,936-token vocabulary; random weights, built in set-up by
 * training/qwen/export_qwen.py) with the real Qwen tokenizer, served by a fake hub on 127.0.0.1 in the hub's layout.
 * MODEL=<its id> downloads it with progress into a cache, and /explain runs through BullMQ on the test Redis to a
 * streamed, generated answer. Random weights almost never stop, so a logits hook (test/support/logits-rig.ts) plants
 * the answer and the stop token; the real session runs every pass.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { tinyGptKit } from '../../src/main/model-kit.js';
import { loadTinyGpt, type DownloadProgress } from '../../src/model/index.js';
import { loadLocalTokenizer } from '../../src/model/tokenizer.js';
import { readTokenBytes } from '../../src/model/utf8.js';
import { asker, harnessPool } from '../support/bull-harness.js';
import { REPO_ROOT } from '../support/child.js';
import { startFakeHub, type FakeHub } from '../support/fake-hub.js';
import { rigLogits, type LogitsRig } from '../support/logits-rig.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { buildTinyQwen, TINY_QWEN_CONFIG } from '../support/tiny-qwen.js';

const QWEN25_ID = 'test-org/Qwen2.5-tiny-Instruct';
const QWEN3_ID = 'test-org/Qwen3-tiny';
const IM_END = 151645;
const QWEN25_TEMPLATE = readFileSync(new URL('../../training/qwen/qwen2.5-chat-template.jinja', import.meta.url), 'utf8');

let folder: string;
let hub: FakeHub;
let cacheDir: string;
let rig: LogitsRig;
let encode: (text: string) => number[];
let decode: (ids: number[]) => string;
const progress: DownloadProgress[] = [];

beforeAll(async () => {
  folder = await buildTinyQwen();
  const tokenizerConfig = JSON.parse(readFileSync(join(folder, 'tokenizer_config.json'), 'utf8')) as object;
  hub = await startFakeHub(
    { [QWEN25_ID]: folder, [QWEN3_ID]: folder },
    { [QWEN25_ID]: { 'tokenizer_config.json': JSON.stringify({ ...tokenizerConfig, chat_template: QWEN25_TEMPLATE }) } },
  );
  cacheDir = mkdtempSync(join(tmpdir(), 'gpt-tutor-qwen-cache-'));
  rig = rigLogits(TINY_QWEN_CONFIG.vocab);
  const tokenizer = loadLocalTokenizer(folder);
  const bytes = readTokenBytes(join(folder, 'tokenizer.json'));
  encode = tokenizer.encode;
  decode = (ids) => new TextDecoder().decode(Buffer.concat(ids.map((id) => bytes[id] ?? new Uint8Array(0))));
}, 120_000);
afterAll(async () => {
  rig.restore();
  await hub.close();
  rmSync(cacheDir, { recursive: true, force: true });
});
afterEach(() => rig.plant(undefined));

const kit = (id: string) => tinyGptKit({ model: id, hub: { url: hub.url, cacheDir, onProgress: (p) => progress.push(p) } });

describe('a Qwen-architecture model from the hub', () => {
  it('downloads with progress into the cache and opens with its GQA shape and both end tokens', async () => {
    const gpt = await loadTinyGpt({ name: QWEN25_ID, hub: { url: hub.url, cacheDir, onProgress: (p) => progress.push(p) } });
    const onnx = progress.filter((p) => p.file.endsWith('model_quantized.onnx'));
    expect(onnx.at(-1)?.done).toBe(true);
    expect(onnx.some((p) => !p.done && p.loaded < p.total)).toBe(true);
    // max_position_embeddings is 32,768: the decode loop bounds prompt + answer at 4,096 tokens.
    expect(gpt.info).toMatchObject({ layers: TINY_QWEN_CONFIG.layers, heads: TINY_QWEN_CONFIG.heads, vocabSize: TINY_QWEN_CONFIG.vocab, chatTemplate: true, context: 4096 });
    // generation_config.json lists <|im_end|> and <|endoftext|>: both end an answer.
    expect(gpt.chatPrompt([{ role: 'user', content: 'hi' }])).toContain('You are Qwen, created by Alibaba Cloud');
    rig.plant(encode(' Hi there'), 151643); // <|endoftext|>, the second end token
    const ended = await gpt.generator.generate({ prompt: gpt.chatPrompt([{ role: 'user', content: 'hi' }]), maxNewTokens: 20, temperature: 0 });
    expect(ended).toMatchObject({ text: ' Hi there', stoppedBy: 'end_token', newTokens: encode(' Hi there').length });
    // present.0.key: [rows, KV heads, columns, head size].
    const shape = rig.presentDims.at(-1)!;
    expect([shape[1], shape[3]]).toEqual([TINY_QWEN_CONFIG.kvHeads, TINY_QWEN_CONFIG.headDim]);
  });

  it('gives each prompt the same greedy text batched (left-padded, positions from each row’s first token) as alone', async () => {
    const gpt = await loadTinyGpt({ name: QWEN25_ID, hub: { url: hub.url, cacheDir } });
    const prompts = ['Attention is', '注意力机制让每个词元', 'Why do transformers beat recurrent networks at long texts?'];
    const request = (prompt: string) => ({ prompt, maxNewTokens: 10, temperature: 0 });
    const alone = [];
    for (const prompt of prompts) alone.push(await gpt.generator.generate(request(prompt)));
    const largest = gpt.generator.stats.largestBatch;
    const together = await Promise.all(prompts.map((prompt) => gpt.generator.generate(request(prompt))));
    expect(together.map((r) => r.text)).toEqual(alone.map((r) => r.text));
    expect(alone.every((r) => r.newTokens === 10)).toBe(true); // random weights: no stop before the limit
    expect(largest).toBe(1);
    expect(gpt.generator.stats.largestBatch).toBe(prompts.length);
    // The batch cache: [rows, KV heads, columns, head size] — 2 KV heads serve 4 query heads.
    expect(rig.presentDims.some((d) => d[0] === prompts.length && d[1] === TINY_QWEN_CONFIG.kvHeads && d[3] === TINY_QWEN_CONFIG.headDim)).toBe(true);
  });

  it('opens the 4-bit file (MODEL_DTYPE=q4: MatMulNBits) through the same path, batched = alone too', async () => {
    const gpt = await loadTinyGpt({ name: QWEN25_ID, dtype: 'q4', hub: { url: hub.url, cacheDir } });
    expect(hub.requests.some((r) => r.endsWith('/onnx/model_q4.onnx'))).toBe(true);
    const prompts = ['Heads', 'Why do transformers beat RNNs?'];
    const alone = [];
    for (const prompt of prompts) alone.push((await gpt.generator.generate({ prompt, maxNewTokens: 6, temperature: 0 })).text);
    const together = await Promise.all(prompts.map((prompt) => gpt.generator.generate({ prompt, maxNewTokens: 6, temperature: 0 })));
    expect(together.map((r) => r.text)).toEqual(alone);
    await gpt.close();
  });

  it('never shows a Qwen3 thought: withheld while streaming, cut from the answer', async () => {
    const chat = (await kit(QWEN3_ID)()).chat!;
    const thought = [...encode('<think>'), ...encode('\nsecret plan'), ...encode('</think>'), ...encode('\n\nHeads look in parallel.')];
    rig.plant(thought, IM_END);
    const streamed: string[] = [];
    const result = await chat.generate([{ role: 'user', content: 'What do heads do?' }], { maxNewTokens: 40, temperature: 0 }, (text) => streamed.push(text));
    expect(result.text).toBe('Heads look in parallel.');
    expect(result.stoppedBy).toBe('end_token');
    expect(streamed.length).toBeGreaterThan(0);
    for (const text of streamed) expect(text).not.toMatch(/secret|<|think/);
  });

  it('downloads once when two workers start at once on an empty cache (a lock), and both load', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'gpt-tutor-qwen-race-'));
    const before = hub.requests.length;
    try {
      const start = () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hub-download-child.ts'], {
            cwd: REPO_ROOT,
            env: { PATH: process.env['PATH'] ?? '', HUB_MODEL: QWEN25_ID, HUB_URL: hub.url, HUB_CACHE_DIR: shared },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
          child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, out });
          });
        });
      const results = await Promise.all([start(), start()]);
      for (const r of results) expect(JSON.parse(r.out)).toMatchObject({ ok: true, layers: TINY_QWEN_CONFIG.layers });
      // Whole-file downloads (a `Range: bytes=0-0` request only asks a file's size).
      const gets = hub.requests.slice(before).filter((r) => r.startsWith('GET ') && !r.includes('(bytes='));
      const perFile = new Map<string, number>();
      for (const r of gets) perFile.set(r, (perFile.get(r) ?? 0) + 1);
      expect(gets.some((r) => r.endsWith('/onnx/model_quantized.onnx'))).toBe(true);
      for (const [request, count] of perFile) expect(count, request).toBe(1);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(!redisUrl)('/explain on the Qwen-shaped model through BullMQ', () => {
  const pool = harnessPool(requireRedisUrl);
  afterEach(pool.closeAll);
  const answer = ' Transformers attend to all tokens at once, so nothing fades.';
  const question = '/explain why do transformers beat RNNs?';

  it('streams a generated answer grounded in the lesson (system turn), ended by the stop token', async () => {
    const harness = await pool.start({ model: kit(QWEN25_ID) });
    rig.plant(encode(answer), IM_END);
    const prefillsBefore = rig.prefills.length;
    const updates: Reply[] = [];
    const reply = await harness.tutor.handleText(question, asker(), { onUpdate: (u) => updates.push(u) });
    expect(reply.model).toBe(QWEN25_ID);
    expect(reply.text).toContain('Transformers attend to all tokens at once, so nothing fades.');
    expect(reply.newTokens).toBe(encode(answer).length); // the stop token ended it, not the budget
    expect(reply.buttons.map((b) => b.label)[0]).toMatch(/^Open the lesson/);
    expect(updates.some((u) => u.model === QWEN25_ID)).toBe(true);
    // The prompt the model saw: ChatML, the lesson in the system turn, the question in the user turn.
    const prompt = decode(rig.prefills.slice(prefillsBefore)[0]!);
    expect(prompt).toMatch(/^system\nYou are a friendly tutor who teaches how GPT works\..*Lesson: /s);
    expect(prompt).toContain('user\nwhy do transformers beat RNNs?');
    expect(prompt.endsWith('assistant\n')).toBe(true);
  });

  it("withholds a planted banned word in a group chat (moderation), and shows it in a private chat", async () => {
    const harness = await pool.start({ model: kit(QWEN25_ID) });
    rig.plant(encode(' Attention weights score porn filters'), IM_END);
    const updates: Reply[] = [];
    const group = await harness.tutor.handleText(question, { ...asker('g1'), chat: { id: 'class', kind: 'group' } }, { onUpdate: (u) => updates.push(u) });
    expect(group.text).toMatch(/^The generated answer did not pass this group's content filter/);
    for (const u of [...updates, group]) expect(u.text).not.toContain('porn');
    const alone = await harness.tutor.handleText(question, asker('p1'));
    expect(alone.model).toBe(QWEN25_ID);
    expect(alone.text).toContain('porn');
  });

  it('answers with the curated lesson when the model fails', async () => {
    const harness = await pool.start({ model: kit(QWEN25_ID) });
    rig.failNext();
    const reply = await harness.tutor.handleText(question, asker('f1'));
    expect(reply.model).toBeUndefined();
    expect(reply.text).toMatch(/^The model could not answer just now, so here is the lesson instead\./);
    expect(reply.topic).toBeDefined();
  });
});
