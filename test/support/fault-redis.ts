/**
 * A redis-server of one fault test's own, with persistence as in production (AOF, fsync on every write), in a
 * temporary directory, that the test can stop and start again on the same port and directory. Never the global
 * test Redis, never the application's REDIS_URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK, ping } from '../../tools/redis-process.js';
import { waitUntil } from './fault-process.js';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;
/** Each PING may take 1 s here (the shared default is 500 ms): this Redis fsyncs every write and restarts mid-test. */
const PING_TIMEOUT_MS = 1_000;

/** Whether `redis-server` can be started here (the global setup may have been given TEST_REDIS_URL instead). */
export function canStartRedis(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export class PersistentRedis {
  private child: ChildProcess | undefined;
  private output = '';
  private exited = true;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<PersistentRedis> {
    const redis = new PersistentRedis(await freePort(), await mkdtemp(join(tmpdir(), 'gpt-tutor-fault-redis-')));
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://${LOOPBACK}:${this.port}`;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Starts redis-server (again) on this port and directory; resolves once it answers PING. */
  async start(): Promise<void> {
    if (!this.exited) throw new Error('redis-server is already running');
    const args = ['--port', String(this.port), '--bind', LOOPBACK, '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = false;
    child.once('close', () => {
      if (this.child === child) this.exited = true;
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-8_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitUntil(`redis-server to answer PING on port ${this.port}`, async () => {
      if (this.exited) throw new Error(`redis-server exited early:\n${this.output}`);
      return ping(this.port, PING_TIMEOUT_MS);
    }, { timeoutMs: START_TIMEOUT_MS, explain: () => this.output });
  }

  /** SIGTERM (Redis writes and fsyncs its AOF, then exits), and waits for the exit and for the port to close. */
  async stop(): Promise<void> {
    const child = this.child;
    if (this.exited || !child?.pid) return;
    child.kill('SIGTERM');
    await waitUntil('redis-server to exit after SIGTERM', () => this.exited, { timeoutMs: STOP_TIMEOUT_MS, explain: () => this.output });
    await waitUntil(`port ${this.port} to close`, async () => !(await ping(this.port, PING_TIMEOUT_MS)), { timeoutMs: STOP_TIMEOUT_MS });
  }

  /** Stops whatever runs (SIGKILL if SIGTERM is not enough) and removes the directory. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => {
      if (this.child?.pid && !this.exited) this.child.kill('SIGKILL');
    });
    await rm(this.dir, { recursive: true, force: true });
  }

  log(): string {
    return this.output;
  }
}
