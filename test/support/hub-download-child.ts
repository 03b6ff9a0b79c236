/**
 * A worker's model start on its own, for the download-lock test: loads HUB_MODEL from HUB_URL into HUB_CACHE_DIR
 * (as a worker with MODEL set does before taking jobs) and prints one JSON line: what it loaded, or why not.
 */
import { loadTinyGpt } from '../../src/model/index.js';

const [name, url, cacheDir] = [process.env['HUB_MODEL'], process.env['HUB_URL'], process.env['HUB_CACHE_DIR']];
if (!name || !url || !cacheDir) throw new Error('HUB_MODEL, HUB_URL and HUB_CACHE_DIR are needed');
try {
  const gpt = await loadTinyGpt({ name, hub: { url, cacheDir } });
  process.stdout.write(`${JSON.stringify({ ok: true, name: gpt.info.name, layers: gpt.info.layers })}\n`);
  await gpt.close();
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
}
