/**
 * A fresh process that imports the model runtime and loads the shipped model once, for bench:model: prints one JSON
 * line { import_ms, load_ms, load_total_ms } (import: onnxruntime + transformers.js; load: creating the sessions;
 * total: tokenizer, sessions, tables). Usage: node --import tsx bench/support/model-load.ts [native|wasm]
 */
import { loadRuntime, loadTinyGpt, type InferenceBackend } from '../../src/model/index.js';

const backend = (process.argv[2] ?? 'native') as InferenceBackend;
const t0 = performance.now();
await loadRuntime(backend);
await import('@huggingface/transformers');
const importMs = performance.now() - t0;
const t1 = performance.now();
const gpt = await loadTinyGpt({ backend });
const totalMs = performance.now() - t1;
process.stdout.write(`${JSON.stringify({ import_ms: importMs, load_ms: gpt.sessionMs, load_total_ms: totalMs })}\n`);
await gpt.close();
