/** The shipped model loads offline, once per process, and its files are the ones the manifest lists. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadTinyGpt, TINY_GPT_NAME } from '../../src/model/index.js';
import { MODEL_DIR } from './shipped-model.js';

interface Manifest {
  name: string;
  files: { path: string; bytes: number; sha256: string }[];
  training: { train_loss: number; heldout_loss: number };
  corpus: { bytes: number };
}

const manifest = JSON.parse(readFileSync(join(MODEL_DIR, 'manifest.json'), 'utf8')) as Manifest;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(MODEL_DIR, path).split('\\').join('/')];
  });
}

describe('shipped model files', () => {
  it('match the manifest: every file listed, sizes and sha256 equal', () => {
    const listed = manifest.files.map((f) => f.path).sort();
    expect(filesUnder(MODEL_DIR).filter((p) => p !== 'manifest.json').sort()).toEqual(listed);
    for (const file of manifest.files) {
      const bytes = readFileSync(join(MODEL_DIR, file.path));
      expect(bytes.length, file.path).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
    }
  });

  it('record training and held-out loss and the corpus size', () => {
    expect(manifest.name).toBe(TINY_GPT_NAME);
    expect(manifest.training.train_loss).toBeGreaterThan(0);
    expect(manifest.training.heldout_loss).toBeGreaterThan(0);
    expect(manifest.corpus.bytes).toBeGreaterThan(10_000);
  });
});

describe('loading', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('works offline: no network request is made', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network is off in this test')));
    vi.stubGlobal('fetch', fetchSpy);
    const gpt = await loadTinyGpt({ dtype: 'q8' });
    const r = await gpt.generator.generate({ prompt: 'GPT', maxNewTokens: 3, temperature: 0 });
    expect(r.newTokens).toBeGreaterThan(0);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(gpt.info).toMatchObject({ name: TINY_GPT_NAME, dtype: 'q8', context: 256, layers: 4, heads: 8 });
    await gpt.close();
  });

  it('happens once per process: concurrent callers share one load; close() lets a new one start', async () => {
    const [a, b] = await Promise.all([loadTinyGpt(), loadTinyGpt()]);
    expect(a).toBe(b);
    await a.close();
    const c = await loadTinyGpt();
    expect(c).not.toBe(a);
    await c.close();
  });

  it('says clearly when the model folder is missing', async () => {
    await expect(loadTinyGpt({ name: 'no-such-model' })).rejects.toThrow(/no-such-model.*not found/);
  });
});
