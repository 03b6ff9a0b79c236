/**
 * Wires the tutor's own GPT (src/model) and its drawings (src/render) into the core's ModelKit port. Loaded on the
 * first model job and shared by every job of the process; a process that never runs one never loads it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelKit } from '../core/model-port.js';
import { DEFAULT_MODELS_DIR, loadTinyGpt, TINY_GPT_NAME, type ModelDtype } from '../model/index.js';
import { renderAttentionHeatmap, strongestLinks } from '../render/index.js';

export interface ModelKitOptions {
  dtype?: ModelDtype;
  modelsDir?: string;
}

export function tinyGptKit(options: ModelKitOptions = {}): () => Promise<ModelKit> {
  let loading: Promise<ModelKit> | undefined;
  return () => {
    loading ??= open(options).catch((error: unknown) => {
      loading = undefined; // a failed load may be retried by the next job
      throw error;
    });
    return loading;
  };
}

async function open(options: ModelKitOptions): Promise<ModelKit> {
  const modelsDir = options.modelsDir ?? DEFAULT_MODELS_DIR;
  const gpt = await loadTinyGpt({ modelsDir, ...(options.dtype ? { dtype: options.dtype } : {}) });
  return {
    name: gpt.info.name,
    context: gpt.info.context,
    layers: gpt.info.layers,
    heads: gpt.info.heads,
    parameters: parameterCount(modelsDir),
    generator: gpt.generator,
    probe: gpt.probe,
    drawing: {
      png: async (map, captions) => renderAttentionHeatmap(map, { title: captions.title, rowsCaption: captions.rows, columnsCaption: captions.columns }),
      strongestLinks: (map, topN) => strongestLinks(map, topN),
    },
  };
}

/** The parameter count the training script wrote into the manifest. */
function parameterCount(modelsDir: string): number {
  const manifest = JSON.parse(readFileSync(join(modelsDir, TINY_GPT_NAME, 'manifest.json'), 'utf8')) as { architecture?: { parameters?: number } };
  return manifest.architecture?.parameters ?? 0;
}
