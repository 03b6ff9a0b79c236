/**
 * One download per model folder, however many workers start at once on an empty cache: the first takes a lock
 * beside the folder (proper-lockfile: a lock directory whose age is refreshed while held, so the lock of a process
 * that died goes stale and is taken over), the others wait and then find the files in the cache. A marker written
 * after a complete load lets later starts skip the lock. transformers.js writes each file to a temporary name and
 * renames it, so a download cut off midway never leaves a half file under the real name.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** Written into a model's cache folder once every file of it has been downloaded and opened. */
const COMPLETE_MARKER = '.gpt-tutor-complete';
/** How long a start waits for another process's download (a 0.5 GB model over a slow link) before failing. */
export const DOWNLOAD_LOCK_WAIT_MS = 30 * 60_000;
const LOCK_RETRY_MS = 1_000;
/** A lock not refreshed for this long belongs to a process that died. */
const LOCK_STALE_MS = 20_000;

export function downloadedBefore(folder: string): boolean {
  return existsSync(join(folder, COMPLETE_MARKER));
}

/** Runs `load` (which downloads into `folder` what is missing) holding the folder's lock, unless it is complete. */
export async function withDownloadLock<T>(folder: string, load: () => Promise<T>, waitMs = DOWNLOAD_LOCK_WAIT_MS): Promise<T> {
  if (downloadedBefore(folder)) return load();
  mkdirSync(folder, { recursive: true });
  const release = await lockfile.lock(folder, {
    stale: LOCK_STALE_MS,
    retries: { retries: Math.ceil(waitMs / LOCK_RETRY_MS), factor: 1, minTimeout: LOCK_RETRY_MS, maxTimeout: LOCK_RETRY_MS },
  });
  try {
    const loaded = await load();
    writeFileSync(join(folder, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    return loaded;
  } finally {
    await release();
  }
}
