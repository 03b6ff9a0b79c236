/**
 * A fake model hub on 127.0.0.1 that serves model folders in the hub's file layout
 * (`/<org>/<name>/resolve/main/<file>`, as transformers.js asks `env.remoteHost` for them), with Content-Length so
 * downloads report progress, and byte ranges as the hub serves them (a request with a range is marked so). It records every request, so tests can see what was (not) downloaded.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface FakeHub {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** `repos` maps a hub id (org/name) to a folder; `overrides` replaces single files of a repo by content. */
export async function startFakeHub(repos: Record<string, string>, overrides: Record<string, Record<string, string>> = {}): Promise<FakeHub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}${req.headers.range ? ` (${req.headers.range})` : ''}`);
    const match = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(decodeURIComponent((req.url ?? '').split('?')[0] ?? ''));
    const folder = match ? repos[match[1]!] : undefined;
    const file = match ? normalize(match[2]!) : '';
    const override = match ? overrides[match[1]!]?.[file] : undefined;
    if (!folder || file.startsWith('..')) return void res.writeHead(404).end('Repository not found');
    if (override !== undefined) {
      const body = Buffer.from(override);
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/json' });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const path = join(folder, file);
    if (!existsSync(path) || !statSync(path).isFile()) return void res.writeHead(404).end('Entry not found');
    const size = statSync(path).size;
    // transformers.js asks a file's size with `Range: bytes=0-0` before downloading it; the hub answers 206 with a slice.
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
      res.writeHead(206, { 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'content-type': 'application/octet-stream' });
      if (req.method === 'HEAD') return void res.end();
      return void createReadStream(path, { start, end }).pipe(res);
    }
    res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
