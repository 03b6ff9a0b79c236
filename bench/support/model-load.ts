/**
 * A fresh process that imports the model code with its runtime and loads the shipped model once, for bench:model:
 * prints one JSON line { import_ms, load_ms, load_total_ms } (import: src/model with onnxruntime and the tokenizer
 * library; load: creating the sessions; total: tokenizer, sessions, tables).
 * Usage: node --import tsx bench/support/model-load.ts [native|wasm]
 */
import type { InferenceBackend } from '../../src/model/index.js';

const backend = (process.argv[2] ?? 'native') as InferenceBackend;
const t0 = performance.now();
const { loadRuntime, loadTinyGpt } = await import('../../src/model/index.js');
await loadRuntime(backend);
const importMs = performance.now() - t0;
const t1 = performance.now();
const gpt = await loadTinyGpt({ backend });
const totalMs = performance.now() - t1;
process.stdout.write(`${JSON.stringify({ import_ms: importMs, load_ms: gpt.sessionMs, load_total_ms: totalMs })}\n`);
await gpt.close();
