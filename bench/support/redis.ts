/**
 * A throw-away redis-server for the bench, started the way the tests start theirs (test/setup/redis-server.ts):
 * `redis-server` from PATH on a free loopback port, no persistence, a non-daemon child stopped by its PID.
 * The bench never touches any other Redis (REDIS_URL and TEST_REDIS_URL are ignored on purpose).
 */
import { createConnection } from 'node:net';
import { findOnPath, freePort, LOOPBACK, startRedisChild, stopChild } from '../../tools/redis-process.js';

// bench/support/processes.ts stops its workers with this too.
export { stopChild };

const START_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

export interface BenchRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<BenchRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('redis-server is not on PATH (apt-get install -y redis-server)');
  const port = await freePort();
  // No persistence, and noeviction as BullMQ requires: the bench measures the queue, not the disk.
  const args = ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  const child = await startRedisChild(binary, port, args, { startMs: START_TIMEOUT_MS, stopMs: STOP_TIMEOUT_MS });
  return { url: `redis://${LOOPBACK}:${port}`, port, pid: child.pid!, stop: () => stopChild(child, STOP_TIMEOUT_MS) };
}

export interface MonitoredCommand {
  /** `ip:port` of the client that sent it, or `lua` for a call made inside a script. */
  source: string;
  command: string;
}

/**
 * MONITOR on a raw socket (ioredis' monitor mode can misread the first burst of lines when Redis is busy):
 * calls `onCommand` for every command Redis runs until `stop()`.
 */
export async function monitorRedis(port: number, onCommand: (command: MonitoredCommand) => void): Promise<{ stop(): void }> {
  const socket = createConnection({ host: LOOPBACK, port });
  socket.setNoDelay(true);
  let buffer = '';
  let started!: () => void;
  let failed!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  socket.once('error', (error) => failed(error));
  socket.once('connect', () => socket.write('MONITOR\r\n'));
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line === '+OK') {
        started();
        continue;
      }
      const match = /^\+\S+ \[\d+ ([^\]]+)\] "([^"]*)"/.exec(line);
      if (match) onCommand({ source: match[1]!, command: match[2]!.toLowerCase() });
    }
  });
  await ready;
  return { stop: () => socket.destroy() };
}
