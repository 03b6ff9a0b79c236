/**
 * Files attached to a slash command (`/quiz import file:`): fetched from Discord's CDN only (never a URL someone
 * could point elsewhere), bounded in time and bytes, and handed to the core as one string option
 * (src/core/attachments.ts). A file over the limit is not downloaded: the core hears its size and refuses it.
 * The download itself is the chat adapters' shared capped one (../chat/download.ts).
 */
import { encodeAttachment, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';
import { cappedDownload, DownloadError } from '../chat/download.js';

/** Where Discord serves attachments (https only). */
export const DISCORD_ATTACHMENT_ORIGINS: readonly string[] = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];
/** A 1 MiB file takes well under a second from the CDN; a stalled download must not hold the command for long. */
export const ATTACHMENT_DOWNLOAD_TIMEOUT_MS = 10_000;

/** The attachment as discord.js resolves it on the option (`interaction.options.getAttachment`). */
export interface AttachmentSource {
  name: string;
  size: number;
  url: string;
}

export interface DownloadOptions {
  /** Origins files may come from; tests add the fake's http://127.0.0.1:<port>. */
  origins: readonly string[];
  timeoutMs: number;
  maxBytes?: number;
}

/** Why a download did not give bytes the core can read (nothing here carries the URL). */
export class AttachmentDownloadError extends Error {
  constructor(readonly reason: 'untrusted_url' | DownloadError['reason']) {
    super(`attachment download: ${reason}`);
    this.name = 'AttachmentDownloadError';
  }
}

/** What the core needs before any download: the name and the reported size (`<name>|size=<bytes>`). */
export function placeholderValue(source: AttachmentSource): string {
  return encodeAttachment({ name: source.name, size: source.size });
}

/**
 * The option value for a file: its bytes when within the limit, else its name and size only. The limit is checked
 * on the size Discord reports BEFORE downloading, and again on the bytes as they arrive (a size can lie).
 */
export async function attachmentValue(source: AttachmentSource, options: DownloadOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_ATTACHMENT_BYTES;
  if (source.size > maxBytes) return placeholderValue(source);
  if (!trusted(source.url, options.origins)) throw new AttachmentDownloadError('untrusted_url');
  const downloaded = await cappedDownload(source.url, { maxBytes, timeoutMs: options.timeoutMs }).catch((error: unknown) => {
    throw new AttachmentDownloadError(error instanceof DownloadError ? error.reason : 'failed');
  });
  if ('tooBigBytes' in downloaded) return encodeAttachment({ name: source.name, size: downloaded.tooBigBytes });
  return encodeAttachment({ name: source.name, size: downloaded.bytes.length, bytes: downloaded.bytes });
}

function trusted(raw: string, origins: readonly string[]): boolean {
  try {
    const url = new URL(raw);
    return !url.username && !url.password && origins.includes(url.origin);
  } catch {
    return false;
  }
}
