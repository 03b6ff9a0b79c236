/**
 * Files people attach (a teacher's questions for `/quiz import`) never travel in job data: a job is kept in Redis
 * after it ran, and a megabyte per job adds up. The edge holds the bytes here, under a random id, for a few minutes;
 * the job carries only `<name>|upload=<id>:<size>`; the worker takes the bytes once (read and delete in one step).
 */
import { randomBytes } from 'node:crypto';
import { decodeAttachment, type Attachment } from './attachments.js';
import type { KeyValueStore } from './ports.js';

/** Long enough for a busy queue to reach the job; short enough that an unclaimed file does not linger. */
export const UPLOAD_TTL_MS = 10 * 60_000;
const REFERENCE = /^upload=([A-Za-z0-9_-]{16,40}):(\d{1,12})$/;

export class Uploads {
  constructor(
    private readonly store: KeyValueStore,
    private readonly ttlMs = UPLOAD_TTL_MS,
  ) {}

  /** An option value with bytes becomes a reference to them; any other value is returned as it is. */
  async hold(value: string): Promise<string> {
    const bar = value.indexOf('|');
    const attachment = decodeAttachment(value);
    if (bar <= 0 || !attachment?.bytes) return value;
    const id = randomBytes(18).toString('base64url');
    await this.store.set(key(id), value, this.ttlMs);
    return `${value.slice(0, bar)}|upload=${id}:${attachment.size}`;
  }

  /**
   * The attachment an option value stands for: its bytes taken from here (once) for a reference, `expired` when
   * they are gone (claimed already, or past their time), or the value decoded as it is (a size-only value).
   */
  async claim(value: string): Promise<Attachment | 'expired' | undefined> {
    const bar = value.indexOf('|');
    const reference = bar > 0 ? REFERENCE.exec(value.slice(bar + 1)) : null;
    if (!reference) return decodeAttachment(value);
    const held = await this.store.take(key(reference[1]!));
    return held === undefined ? 'expired' : (decodeAttachment(held) ?? 'expired');
  }
}

function key(id: string): string {
  return `upload:${id}`;
}
