/**
 * Helpers for running a local `redis-server` as a child process, shared by the test global setup
 * (test/setup/redis-server.ts), the fault tests' persistent Redis (test/support/fault-redis.ts) and the bench
 * (bench/support/redis.ts). Everything binds to loopback only: these servers are throw-away and never the user's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** The only interface these servers listen on, so nothing outside the machine can reach them. */
export const LOOPBACK = '127.0.0.1';

/** How much of a child's stdout/stderr to keep for error messages: the tail is where Redis says why it died. */
const OUTPUT_TAIL_CHARS = 4_000;

/** Pause between PINGs while waiting for a server: short, since Redis usually starts within a few ms. */
const PING_INTERVAL_MS = 25;

/** The absolute path of an executable `name` on PATH, or undefined, so callers can explain a missing binary. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A port the OS says is free on loopback right now (asking the OS avoids clashes with parallel runs). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** One raw PING; resolves true on +PONG. Raw socket, so no client library retries or queues behind our back. */
export function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/** Whether the child has exited or been killed (either field is set once it is gone). */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls PING until the server answers; fails fast if the child dies, and at the deadline if it never answers. */
export async function waitForPong(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`redis-server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, PING_INTERVAL_MS));
  }
  throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms`);
}

/** SIGTERM by PID, wait for the exit; SIGKILL if it lingers past `timeoutMs`, so no child outlives its runner. */
export async function stopChild(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  let timer: NodeJS.Timeout | undefined;
  const lingered = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
  clearTimeout(timer);
  if (lingered && !hasExited(child)) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** Keeps the tail of the child's stdout and stderr; returns a reader for it, to explain a failed start. */
function keepOutputTail(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

/**
 * Spawns `binary` with `--port <port> --bind 127.0.0.1` plus `args`, and resolves once it answers PING.
 * On failure it stops the child (never leaves a half-started server behind) and throws with Redis' own output.
 */
export async function startRedisChild(
  binary: string,
  port: number,
  args: readonly string[],
  timeouts: { startMs: number; stopMs: number },
): Promise<ChildProcess> {
  const child = spawn(binary, ['--port', String(port), '--bind', LOOPBACK, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = keepOutputTail(child);
  try {
    await waitForPong(port, child, timeouts.startMs);
  } catch (error) {
    await stopChild(child, timeouts.stopMs);
    throw new Error(`${(error as Error).message}\nredis-server output:\n${output()}`);
  }
  return child;
}
