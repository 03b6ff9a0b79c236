/** INFERENCE_BACKEND=wasm: the shipped model on onnxruntime-web, loaded from node_modules (never a CDN). */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadTinyGpt } from '../../src/model/index.js';
import { loadConfig } from '../../src/config/config.js';
import { asker, offlineRuntime } from '../unit/fixtures.js';

describe('the WASM backend', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('runs the shipped model offline, loading its runtime files from node_modules only', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network is off in this test')));
    vi.stubGlobal('fetch', fetchSpy);
    const wasm = await loadTinyGpt({ backend: 'wasm' });
    const native = await loadTinyGpt();
    try {
      expect(wasm.info.backend).toBe('wasm');
      expect(native.info.backend).toBe('native');
      for (const prompt of ['Attention is', '注意力机制', 'GPT stands for']) {
        const a = await native.generator.generate({ prompt, maxNewTokens: 8, temperature: 0 });
        const b = await wasm.generator.generate({ prompt, maxNewTokens: 8, temperature: 0 });
        expect(b.text, prompt).toBe(a.text);
      }
      // Batching works on it too.
      const together = await Promise.all(['Attention is', 'GPT stands for'].map((prompt) => wasm.generator.generate({ prompt, maxNewTokens: 8, temperature: 0 })));
      expect(together[0]?.text).toBe((await native.generator.generate({ prompt: 'Attention is', maxNewTokens: 8, temperature: 0 })).text);
      expect(wasm.generator.stats.largestBatch).toBe(2);
      const map = await wasm.probe!.attention('我喜欢学习GPT');
      for (const row of map.weights) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      await wasm.close();
      await native.close();
    }
  });

  it('serves /generate through the worker with INFERENCE_BACKEND=wasm', async () => {
    const runtime = await offlineRuntime({ INFERENCE_BACKEND: 'wasm' });
    try {
      const reply = await runtime.tutor.handleText('/generate temperature:0 max_new_tokens:8 Attention is', asker({ platform: 'terminal' }));
      expect(reply.command).toBe('generate');
      const wasm = await loadTinyGpt({ backend: 'wasm' }); // the instance the worker loaded
      expect(wasm.generator.stats.steps).toBeGreaterThan(0);
      await wasm.close();
    } finally {
      await runtime.close();
    }
  });

  it('is chosen with INFERENCE_BACKEND; native is the default', () => {
    expect(loadConfig({}).INFERENCE_BACKEND).toBe('native');
    expect(loadConfig({ INFERENCE_BACKEND: 'wasm' }).INFERENCE_BACKEND).toBe('wasm');
    expect(() => loadConfig({ INFERENCE_BACKEND: 'cuda' })).toThrow(/INFERENCE_BACKEND/);
  });
});
