/**
 * An optional model from a model hub (MODEL=org/name): transformers.js downloads it (from env.remoteHost, which a
 * mirror or a test's fake hub can replace), caches it on disk and opens its decoder session on onnxruntime-node;
 * the decode loop is still ours. A hub that is missing or unreachable fails fast with a message naming the fix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { architecture, assemble, generationConfigIn } from './assemble.js';
import { decoderSession } from './forward-pass.js';
import { downloadedBefore, withDownloadLock } from './download-lock.js';
import type { ChatMessage, ModelDtype, TinyGpt } from './tiny-gpt.js';
import { readTokenBytes } from './utf8.js';

export const DEFAULT_HUB_URL = 'https://huggingface.co/';

export interface DownloadProgress {
  file: string;
  loaded: number;
  /** Bytes in all (0 when the hub does not say). */
  total: number;
  done: boolean;
}

export interface HubOptions {
  /** The hub's base URL (transformers.js env.remoteHost), e.g. https://huggingface.co/ or a mirror. */
  url: string;
  /** Where downloaded files are kept; a second start reads them from here without the network. */
  cacheDir: string;
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** How long the reachability check waits before failing (default 10 s). */
  checkTimeoutMs?: number | undefined;
}

/** The first file a download needs: the reachability check asks for it, and a cache without it is new. */
const FIRST_FILE = 'config.json';

export class HubError extends Error {
  override name = 'HubError';
}

/** Fails fast, before transformers.js starts a long download, when the hub cannot serve the model. */
export async function checkHub(id: string, hub: HubOptions): Promise<void> {
  const url = new URL(`${id}/resolve/main/${FIRST_FILE}`, hub.url.endsWith('/') ? hub.url : `${hub.url}/`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(hub.checkTimeoutMs ?? 10_000) });
  } catch (error) {
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new HubError(
      `cannot reach the model hub at ${url.origin} to download "${id}" (${why}). ` +
        'Fix: check the network or proxy, set MODEL_HUB_URL to a reachable mirror, or unset MODEL to use the shipped gpt-tutor-tiny.',
    );
  }
  if (response.status === 404 || response.status === 401) {
    throw new HubError(
      `the model hub at ${url.origin} has no model "${id}" (HTTP ${response.status}). ` +
        'Fix: check MODEL (e.g. onnx-community/Qwen2.5-0.5B-Instruct), or unset MODEL to use the shipped gpt-tutor-tiny.',
    );
  }
  if (!response.ok) {
    throw new HubError(`the model hub at ${url.origin} answered HTTP ${response.status} for "${id}". Fix: retry later, or set MODEL_HUB_URL to a mirror.`);
  }
}

/** enable_thinking: false asks a reasoning template (Qwen3) for a direct answer; other templates ignore it (the
 * typings do not list template variables, which transformers.js passes on to the template). */
const CHAT_TEMPLATE_OPTIONS = { tokenize: false, add_generation_prompt: true, enable_thinking: false } as const;

interface ProgressInfo {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** What opening a hub model needs of the load options (load.ts resolves the defaults). */
export interface HubLoad {
  hub: HubOptions;
  dtype: ModelDtype;
  threads: number;
  maxBatch: number;
  prefixCacheBytes: number;
}

export async function openHubModel(id: string, o: HubLoad, forget: () => void): Promise<TinyGpt> {
  const hub = o.hub;
  const folder = join(hub.cacheDir, id);
  return withDownloadLock(folder, async () => {
    // Checked under the lock: another worker may have completed the download while this one waited. A cache that
    // has files but no marker (a download cut off, or one made before the marker) is completed from the hub.
    if (!downloadedBefore(folder) && !existsSync(join(folder, FIRST_FILE))) await checkHub(id, hub);
    return openDownloaded(id, o, forget);
  });
}

/** Downloads what the cache lacks (transformers.js) and opens the decoder session on onnxruntime-node. */
async function openDownloaded(id: string, o: HubLoad, forget: () => void): Promise<TinyGpt> {
  const hub = o.hub;
  const { AutoModelForCausalLM, AutoTokenizer, env } = await import('@huggingface/transformers');
  const ort = await import('onnxruntime-node');
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.remoteHost = hub.url.endsWith('/') ? hub.url : `${hub.url}/`;
  env.useFSCache = true;
  env.cacheDir = hub.cacheDir;
  const progress_callback = (info: ProgressInfo) => {
    if ((info.status === 'progress' || info.status === 'done') && info.file) {
      hub.onProgress?.({ file: info.file, loaded: info.loaded ?? 0, total: info.total ?? 0, done: info.status === 'done' });
    }
  };
  const tokenizer = await AutoTokenizer.from_pretrained(id, { progress_callback });
  const started = performance.now();
  const model = await AutoModelForCausalLM.from_pretrained(id, {
    dtype: o.dtype satisfies ModelDtype,
    device: 'cpu',
    session_options: { intraOpNumThreads: o.threads, interOpNumThreads: 1 },
    progress_callback,
  });
  const sessionMs = performance.now() - started;
  const arch = architecture(model.config as unknown as Parameters<typeof architecture>[0], generationConfigIn(join(hub.cacheDir, id)));
  const encode = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
  const chatTemplate = typeof tokenizer.chat_template === 'string' && tokenizer.chat_template.length > 0;
  const { generator, score } = assemble({
    name: id,
    arch,
    ort: ort as unknown as Parameters<typeof assemble>[0]['ort'],
    session: decoderSession(model as unknown as { sessions: Record<string, unknown> }),
    tokenBytes: readTokenBytes(join(hub.cacheDir, id, 'tokenizer.json')),
    encode,
    maxBatch: o.maxBatch,
    prefixCacheBytes: o.prefixCacheBytes,
  });
  return {
    generator,
    score,
    probe: undefined,
    info: {
      name: id,
      dtype: o.dtype,
      backend: 'native',
      context: arch.context,
      layers: arch.layers,
      heads: arch.heads,
      hiddenSize: arch.hiddenSize,
      vocabSize: arch.vocabSize,
      endId: arch.endIds[0] ?? 0,
      attentionDefault: { layer: 0, head: 0 },
      parameters: 0,
      chatTemplate,
    },
    encode,
    chatPrompt(messages: ChatMessage[]) {
      if (!chatTemplate) throw new Error(`model "${id}" has no chat template`);
      return tokenizer.apply_chat_template(messages, CHAT_TEMPLATE_OPTIONS) as string;
    },
    sessionMs,
    async close() {
      forget();
      await model.dispose();
    },
  };
}
