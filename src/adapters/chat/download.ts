/**
 * One bounded download of a file someone attached to a command: in time (`timeoutMs`) and in bytes (`maxBytes`,
 * checked against the declared length first, then counted as the bytes arrive, since a declared size can lie).
 * Redirects are refused, so a URL cannot be bent elsewhere. Errors never carry the URL: it may hold a bot token.
 */

export interface CappedDownloadOptions {
  maxBytes: number;
  timeoutMs: number;
}

/** The bytes, or how many bytes the file has at least when that is more than allowed (nothing more is read). */
export type CappedDownload = { bytes: Uint8Array } | { tooBigBytes: number };

/** Why a download gave no bytes; the message says so without the URL. */
export class DownloadError extends Error {
  constructor(
    readonly reason: 'http_status' | 'timed_out' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export async function cappedDownload(url: string, options: CappedDownloadOptions): Promise<CappedDownload> {
  const { maxBytes, timeoutMs } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { signal, redirect: 'error' });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError('http_status', `download answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { tooBigBytes: declared };
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { tooBigBytes: received };
      }
      chunks.push(value);
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks)) };
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    // fetch's own errors can name the URL in their cause: replaced by a plain reason.
    if (signal.aborted) throw new DownloadError('timed_out', `download timed out after ${timeoutMs} ms`);
    throw new DownloadError('failed', 'download failed');
  }
}
