/**
 * The ONNX runtime a model runs on: onnxruntime-node (native CPU, the default) or onnxruntime-web (WebAssembly),
 * both loaded from node_modules — the WASM files come from the installed onnxruntime-web/dist, never a CDN.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OrtModule, OrtSession } from './forward-pass.js';

export const INFERENCE_BACKENDS = ['native', 'wasm'] as const;
export type InferenceBackend = (typeof INFERENCE_BACKENDS)[number];

export interface Runtime {
  backend: InferenceBackend;
  ort: OrtModule;
  /** A session on an .onnx file with this many intra-op threads (inter-op: 1). */
  createSession(path: string, threads: number): Promise<OrtSession>;
}

const runtimes = new Map<InferenceBackend, Promise<Runtime>>();

export function loadRuntime(backend: InferenceBackend): Promise<Runtime> {
  let runtime = runtimes.get(backend);
  if (!runtime) {
    runtime = backend === 'wasm' ? wasmRuntime() : nativeRuntime();
    runtimes.set(backend, runtime);
  }
  return runtime;
}

async function nativeRuntime(): Promise<Runtime> {
  const ort = await import('onnxruntime-node');
  return {
    backend: 'native',
    ort: ort as unknown as OrtModule,
    createSession: async (path, threads) =>
      (await ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1 })) as unknown as OrtSession,
  };
}

/** The folder holding onnxruntime-web's .wasm and .mjs files in node_modules. */
export function wasmDistFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
}

async function wasmRuntime(): Promise<Runtime> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.wasmPaths = `${pathToFileURL(wasmDistFolder()).href}/`;
  ort.env.wasm.proxy = false;
  return {
    backend: 'wasm',
    ort: ort as unknown as OrtModule,
    createSession: async (path, threads) => {
      ort.env.wasm.numThreads = threads;
      const bytes = new Uint8Array(await readFile(path));
      return (await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] })) as unknown as OrtSession;
    },
  };
}
