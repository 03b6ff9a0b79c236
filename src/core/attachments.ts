/**
 * A file a user attached to a command (a teacher's question file), as it travels in a job: one string option value,
 * `<name>|<base64 bytes>`, or `<name>|size=<bytes>` when the adapter did not download a file over the limit.
 */

// Files bigger than this are not downloaded by adapters; the core refuses them with a clear message.
export const MAX_ATTACHMENT_BYTES = 1_048_576;
// The longest option value an attachment can become: base64 of the limit, plus a file name.
export const MAX_ATTACHMENT_VALUE_LENGTH = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 300;

export interface Attachment {
  name: string;
  /** The bytes, when downloaded. */
  bytes?: Uint8Array | undefined;
  /** The size the platform reported. */
  size: number;
}

function safeName(name: string): string {
  return name.replace(/[|\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
}

export function encodeAttachment(attachment: Attachment): string {
  const name = safeName(attachment.name);
  if (!attachment.bytes || attachment.size > MAX_ATTACHMENT_BYTES) return `${name}|size=${attachment.size}`;
  return `${name}|${Buffer.from(attachment.bytes).toString('base64')}`;
}

export function decodeAttachment(value: string): Attachment | undefined {
  const bar = value.indexOf('|');
  if (bar <= 0) return undefined;
  const name = value.slice(0, bar);
  const data = value.slice(bar + 1);
  const sized = /^size=(\d{1,12})$/.exec(data);
  if (sized) return { name, size: Number(sized[1]) };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  return { name, bytes, size: bytes.length };
}
