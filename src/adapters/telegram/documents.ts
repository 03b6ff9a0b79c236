/**
 * Files people attach to a command (`/quiz import` as a document's caption): the size Telegram reports is checked
 * BEFORE anything is downloaded; then getFile and one bounded download from `<apiRoot>/file/bot<token>/<path>`.
 * That URL holds the bot token: it is never logged, and errors thrown from here never carry it. The download is the
 * chat adapters' shared capped one (../chat/download.ts).
 */
import { TelegramError, type Telegram } from 'telegraf';
import { encodeAttachment, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';
import { cappedDownload, DownloadError } from '../chat/download.js';

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

/**
 * The attachment as a command option value (core/attachments.ts): the bytes when within the limit, only the name and
 * size when over it (the core refuses it with a message) — an over-limit file is never downloaded. A failure is a
 * DownloadError whose message says why without the URL.
 */
export async function attachmentValue(document: IncomingDocument, source: DocumentSource): Promise<string> {
  const maxBytes = source.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const name = document.file_name ?? 'file';
  if (document.file_size !== undefined && document.file_size > maxBytes) return encodeAttachment({ name, size: document.file_size });
  const file = await source.telegram.getFile(document.file_id).catch((error: unknown) => {
    // "file is too big" (over the Bot API's 20 MB download limit) is a size answer, not a failure. Telegram says it
    // only in words: a 400 like any other bad request.
    if (error instanceof TelegramError && /too big/i.test(error.description)) return { file_size: maxBytes + 1, file_path: undefined };
    throw new DownloadError('failed', `getFile failed (${error instanceof TelegramError ? error.code : 'network'})`);
  });
  const size = file.file_size ?? document.file_size;
  if (size !== undefined && size > maxBytes) return encodeAttachment({ name, size });
  if (!file.file_path) throw new DownloadError('failed', 'getFile returned no file_path');
  const url = `${source.apiRoot ?? DEFAULT_API_ROOT}/file/bot${source.token}/${file.file_path}`;
  const downloaded = await cappedDownload(url, { maxBytes, timeoutMs: source.timeoutMs ?? DOWNLOAD_TIMEOUT_MS });
  if ('tooBigBytes' in downloaded) return encodeAttachment({ name, size: Math.max(size ?? 0, maxBytes + 1) });
  return encodeAttachment({ name, size: downloaded.bytes.length, bytes: downloaded.bytes });
}
