/** Bytes → text: the size limit, the encoding (UTF-8 only, with the fix named for UTF-16 and binary files), the format. */
import { MAX_IMPORT_BYTES, type ImportProblem, type ImportResult } from './types.js';

/** The answer for a file over the limit that was never downloaded (the platform said how big it is). */
export function fileTooLarge(byteLength: number): ImportResult {
  return { questions: [], errors: [tooLargeProblem(byteLength)] };
}

export function tooLargeProblem(byteLength: number): ImportProblem {
  return { code: 'file_too_large', params: { size: formatBytes(byteLength), max: formatBytes(MAX_IMPORT_BYTES), bytes: byteLength, maxBytes: MAX_IMPORT_BYTES } };
}

export function decode(content: Uint8Array): string | ImportProblem {
  if (content.byteLength > MAX_IMPORT_BYTES) return tooLargeProblem(content.byteLength);
  if (content.byteLength === 0) return { code: 'file_empty' };
  // UTF-16 (Excel's "Unicode text") is text, just not in the encoding we read: say how to save it instead.
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
    return { code: 'file_not_utf8' };
  }
  if (content.includes(0)) return { code: 'file_binary' };
  try {
    // Strips a UTF-8 byte order mark; throws on bytes that are not UTF-8 (e.g. a GBK-encoded spreadsheet export).
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { code: 'file_not_utf8' };
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

export function formatOf(fileName: string, text: string): 'csv' | 'json' {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  if (extension === 'json') return 'json';
  if (extension === 'csv') return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}
