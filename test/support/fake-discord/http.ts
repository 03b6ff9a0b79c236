/** Reading requests (JSON or multipart with payload_json + files[n]) and writing Discord-style answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeDiscordError, type RecordedFile } from './types.js';

/** Discord refuses request bodies over 25 MiB (the default upload limit): bounded reads here too. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new FakeDiscordError(413, { message: 'Request entity too large', code: 40005 });
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(raw, type);
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw new FakeDiscordError(400, { message: '400: Bad Request', code: 50109 });
  }
}

/** Node's fetch Response parses multipart/form-data; Discord reads the JSON from the `payload_json` field. */
async function readMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({ field, filename: value.name, contentType: value.type, size: bytes.length, bytes });
  }
  return { body, files };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    response.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** Snowflakes that sort by creation, like Discord's (ms since the Discord epoch, shifted left 22 bits). */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
let increment = 0n;
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n) | increment);
}
