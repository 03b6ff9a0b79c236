/**
 * The operations endpoints of one process, on node:http: GET /healthz (200 when every part is ok, else 503, as JSON)
 * and GET /metrics (Prometheus text format). Nothing else is served; an error answers 500 without details.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.js';
import type { HealthReport } from './health.js';

/** A scraper or a health check that holds a connection this long without a request is cut off. */
const OPS_REQUEST_TIMEOUT_MS = 10_000;

export interface OpsEndpoints {
  health(): Promise<HealthReport>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

export interface OpsServer {
  /** The port it listens on (the configured one; tests may ask for 0 and read it here). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startOpsServer(options: { host: string; port: number; endpoints: OpsEndpoints; logger: Logger }): Promise<OpsServer> {
  const server = createServer((request, response) => {
    answer(request, response, options.endpoints).catch((error: unknown) => {
      options.logger.error({ err: error, path: request.url }, 'ops endpoint failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    });
  });
  server.requestTimeout = OPS_REQUEST_TIMEOUT_MS;
  server.headersTimeout = OPS_REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ host: options.host, port }, 'ops endpoints listening: /healthz, /metrics');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would hold close() open until it times out.
        server.closeAllConnections();
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, endpoints: OpsEndpoints): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://ops').pathname;
  if (path !== '/healthz' && path !== '/metrics') {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz or /metrics\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  if (path === '/healthz') {
    const report = await endpoints.health();
    // Never cached: a load balancer or compose asks for the state now.
    response.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
    return;
  }
  const { contentType, body } = await endpoints.metrics();
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}
