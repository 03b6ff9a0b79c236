/**
 * Wires the tutor's own GPT (src/model) and its drawings (src/heatmap) into the core's ModelKit port, plus the
 * optional instruct model (MODEL) that /explain answers questions with. Loaded on the first model job and shared by
 * every job of the process; a process that never runs one never loads it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { ChatGenerator, ModelKit, ModelKitLoader, TunedStage } from '../core/model-port.js';
import { DEFAULT_MODELS_DIR, loadTinyGpt, promptOpensThought, TINY_CHAT_NAME, visibleAnswer, type DownloadProgress, type HubOptions, type InferenceBackend, type ModelDtype, type TinyGpt } from '../model/index.js';
import { strongestLinks } from '../heatmap/attention-text.js';

export interface ModelKitOptions {
  dtype?: ModelDtype;
  modelsDir?: string;
  backend?: InferenceBackend;
  /** An instruct model (hub id or folder) for /explain answers; the shipped model still serves /generate and /attention. */
  model?: string | undefined;
  /** Weights of that model (default q8). */
  modelDtype?: ModelDtype;
  /** onnxruntime threads of that model's session (default: every core). */
  modelThreads?: number | undefined;
  hub?: HubOptions;
}

export function tinyGptKit(options: ModelKitOptions = {}): ModelKitLoader {
  let loading: Promise<ModelKit> | undefined;
  const loader: ModelKitLoader = () => {
    loading ??= open(options).catch((error: unknown) => {
      loading = undefined; // a failed load may be retried by the next job
      throw error;
    });
    return loading;
  };
  loader.chat = options.model !== undefined;
  return loader;
}

async function open(options: ModelKitOptions): Promise<ModelKit> {
  const common = {
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  };
  const gpt = await loadTinyGpt({ ...common, ...(options.dtype ? { dtype: options.dtype } : {}) });
  if (!gpt.probe) throw new Error(`the shipped model ${gpt.info.name} has no attention probe`);
  return {
    name: gpt.info.name,
    context: gpt.info.context,
    layers: gpt.info.layers,
    heads: gpt.info.heads,
    parameters: gpt.info.parameters,
    generator: gpt.generator,
    probe: gpt.probe,
    drawing: {
      // sharp (libvips) and the font load with the first heatmap: a worker that only generates stays small.
      png: async (map, captions) => {
        const { renderAttentionHeatmap } = await import('../heatmap/heatmap.js');
        return renderAttentionHeatmap(map, { title: captions.title, rowsCaption: captions.rows, columnsCaption: captions.columns });
      },
      strongestLinks: (map, topN) => strongestLinks(map, topN),
    },
    tuned: await tunedStage(options, common),
    chat: options.model ? await chatModel(options, common) : undefined,
  };
}

/** The fine-tuned stage when the models folder has it; int8 only (what it ships), whatever MODEL_DTYPE says. */
async function tunedStage(options: ModelKitOptions, common: { modelsDir?: string; backend?: InferenceBackend }): Promise<TunedStage | undefined> {
  if (!existsSync(join(options.modelsDir ?? DEFAULT_MODELS_DIR, TINY_CHAT_NAME, 'config.json'))) return undefined;
  return tunedStageOf(await loadTinyGpt({ ...common, name: TINY_CHAT_NAME, dtype: 'q8' }));
}

/** A loaded fine-tuned model as /compare asks it (npm run eval:model measures it through the same prompt). */
export function tunedStageOf(model: TinyGpt): TunedStage {
  if (!model.info.chatTemplate) throw new Error(`${model.info.name} has no chat template in its tokenizer_config.json (rebuild it: npm run train:chat)`);
  return {
    modelName: model.info.name,
    prompt: (question) => model.chatPrompt([{ role: 'user', content: question }]),
    generator: model.generator,
  };
}

async function chatModel(options: ModelKitOptions, common: { modelsDir?: string; backend?: InferenceBackend }): Promise<ChatGenerator> {
  const name = options.model!;
  const threads = options.modelThreads ?? availableParallelism();
  const model = await loadTinyGpt({ ...common, name, dtype: options.modelDtype ?? 'q8', threads, ...(options.hub ? { hub: options.hub } : {}) });
  if (!model.info.chatTemplate) {
    throw new Error(`MODEL=${name} has no chat template, so it cannot answer questions: choose an instruct model (e.g. onnx-community/Qwen2.5-0.5B-Instruct) or unset MODEL`);
  }
  return {
    modelName: model.info.name,
    external: name.includes('/') && !name.startsWith('.') && !name.startsWith('/'),
    countTokens: (text) => model.encode(text).length,
    generate: async (messages, request, onText) => {
      const prompt = model.chatPrompt(messages);
      // A reasoning model's thought never reaches a student, streaming or final.
      const inThought = promptOpensThought(prompt);
      let shown = '';
      const result = await model.generator.generate({ ...request, prompt }, onText && ((textSoFar) => {
        const visible = visibleAnswer(textSoFar, { inThought });
        if (visible !== shown) onText((shown = visible));
      }));
      return { ...result, text: visibleAnswer(result.text, { inThought, final: true }) };
    },
  };
}

/** A download progress line for logs, and a progress bar on a terminal (stderr, redrawn in place). */
export function progressReporter(log: (fields: object, message: string) => void, tty: NodeJS.WriteStream | undefined): (p: DownloadProgress) => void {
  const lastLogged = new Map<string, number | 'done'>();
  return (p) => {
    const percent = p.total > 0 ? Math.min(100, Math.floor((p.loaded / p.total) * 100)) : 0;
    const decile = p.done ? 'done' : Math.floor(percent / 10) * 10;
    if (lastLogged.get(p.file) !== decile) {
      lastLogged.set(p.file, decile);
      log({ file: p.file, percent: p.done ? 100 : percent, bytes: p.loaded, total: p.total }, p.done ? 'model file ready' : 'downloading model file');
    }
    if (tty?.isTTY) {
      const width = 30;
      const filled = Math.round(((p.done ? 100 : percent) / 100) * width);
      const mb = (n: number) => (n / 1048576).toFixed(1);
      tty.write(`\r${p.file.padEnd(28).slice(0, 28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(p.done ? 100 : percent).padStart(3)}% ${mb(p.loaded)}/${mb(p.total)} MB${p.done ? '\n' : ''}`);
    }
  };
}

/** The model kit a process builds from its configuration; download progress goes to the log (and a bar on a TTY). */
export function modelKitFromConfig(
  config: Pick<Config, 'MODEL_DTYPE' | 'INFERENCE_BACKEND' | 'MODEL' | 'MODEL_HUB_URL' | 'MODEL_CACHE_DIR' | 'MODEL_THREADS'>,
  logger: { info(fields: object, message: string): void },
): ModelKitLoader {
  return tinyGptKit({
    // The shipped model comes in q8 and fp32 only.
    dtype: config.MODEL_DTYPE === 'fp32' ? 'fp32' : 'q8',
    backend: config.INFERENCE_BACKEND,
    model: config.MODEL,
    modelDtype: config.MODEL_DTYPE,
    modelThreads: config.MODEL_THREADS,
    hub: {
      url: config.MODEL_HUB_URL,
      cacheDir: config.MODEL_CACHE_DIR ?? join(homedir(), '.cache', 'gpt-tutor', 'models'),
      onProgress: progressReporter((fields, message) => logger.info(fields, message), process.stderr),
    },
  });
}
