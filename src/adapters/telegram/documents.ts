/**
 * Files people attach to a command (`/quiz import` as a document's caption): the size Telegram reports is checked
 * BEFORE anything is downloaded; then getFile and one bounded download from `<apiRoot>/file/bot<token>/<path>`.
 * That URL holds the bot token: it is never logged, and errors thrown from here never carry it.
 */
import type { Telegram } from 'telegraf';
import { encodeAttachment, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';

/** A teacher's file is at most 1 MB: a healthy connection fetches it in well under this. */
export const DOWNLOAD_TIMEOUT_MS = 10_000;
const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** The parts of a Bot API Document this reads. */
export interface IncomingDocument {
  file_id: string;
  file_name?: string | undefined;
  file_size?: number | undefined;
}

export interface DocumentSource {
  telegram: Pick<Telegram, 'getFile'>;
  token: string;
  apiRoot?: string | undefined;
  timeoutMs?: number;
  maxBytes?: number;
}

/** A download that failed; its message says why without the URL. */
export class DownloadFailed extends Error {}

/**
 * The attachment as a command option value (core/attachments.ts): the bytes when within the limit, only the name and
 * size when over it (the core refuses it with a message) — an over-limit file is never downloaded.
 */
export async function attachmentValue(document: IncomingDocument, source: DocumentSource): Promise<string> {
  const maxBytes = source.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const name = document.file_name ?? 'file';
  if (document.file_size !== undefined && document.file_size > maxBytes) return encodeAttachment({ name, size: document.file_size });
  const file = await source.telegram.getFile(document.file_id).catch((error: unknown) => {
    // "file is too big" (over the Bot API's 20 MB download limit) is a size answer, not a failure.
    if (/too big/i.test(String((error as { description?: unknown }).description ?? ''))) return { file_size: maxBytes + 1, file_path: undefined };
    throw new DownloadFailed(`getFile failed (${String((error as { code?: unknown }).code ?? 'network')})`);
  });
  const size = file.file_size ?? document.file_size;
  if (size !== undefined && size > maxBytes) return encodeAttachment({ name, size });
  if (!file.file_path) throw new DownloadFailed('getFile returned no file_path');
  const bytes = await download(`${source.apiRoot ?? DEFAULT_API_ROOT}/file/bot${source.token}/${file.file_path}`, maxBytes, source.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  if (bytes === 'too big') return encodeAttachment({ name, size: Math.max(size ?? 0, maxBytes + 1) });
  return encodeAttachment({ name, size: bytes.length, bytes });
}

/** Reads at most `maxBytes` (+1 to know it is more) within `timeoutMs`; never follows a redirect elsewhere. */
async function download(url: string, maxBytes: number, timeoutMs: number): Promise<Uint8Array | 'too big'> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { signal, redirect: 'error' });
    if (!response.ok || !response.body) throw new DownloadFailed(`download answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body.cancel();
      return 'too big';
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too big';
      }
      chunks.push(value);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } catch (error) {
    if (error instanceof DownloadFailed) throw error;
    // fetch's own errors can name the URL in their cause: replaced by a plain reason.
    throw new DownloadFailed(signal.aborted ? `download timed out after ${timeoutMs} ms` : 'download failed');
  }
}
