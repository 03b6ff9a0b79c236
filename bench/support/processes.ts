/**
 * Worker child processes for the bench, and what Linux says about processes: CPU time (/proc/<pid>/stat) and the
 * local TCP ports a process holds (to tell which process sent which Redis command).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopChild } from './redis.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run worker` is `node --import tsx src/main/worker.ts`; started directly so its PID is the node process. */
export const REAL_WORKER = 'src/main/worker.ts';
export const EMPTY_WORKER = 'bench/support/empty-worker.ts';
const READY_TIMEOUT_MS = 60_000;

export interface WorkerChild {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts a worker entry point and resolves once it logs "worker ready" (pino JSON on stderr). */
export async function startWorker(name: string, entry: string, env: Record<string, string>): Promise<WorkerChild> {
  const childEnv: NodeJS.ProcessEnv = { LANG: 'C.UTF-8', ...env };
  if (process.env['PATH']) childEnv['PATH'] = process.env['PATH'];
  if (process.env['HOME']) childEnv['HOME'] = process.env['HOME'];
  // BENCH_WORKER_NODE_ARGS: extra node flags for the workers (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile).
  const extra = (process.env['BENCH_WORKER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', entry], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let log = '';
  let ready = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within ${READY_TIMEOUT_MS} ms:\n${log}`)), READY_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (!ready) {
        log += text;
        if (log.split('\n').some(isReadyLine)) {
          ready = true;
          log = '';
          clearTimeout(timer);
          resolve();
        }
        return;
      }
      // After start-up, only warnings and errors are worth showing (on the bench's stderr).
      for (const line of text.split('\n')) if (line && !/"level":30\b/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready:\n${log}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return { name, pid: child.pid!, stop: () => stopChild(child, 10_000) };
}

/** Every worker child still running, stopped by PID (SIGTERM, then SIGKILL): for exits and errors. */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, 3_000)));
}

/** Synchronous last resort (process 'exit'): SIGKILL by PID whatever is left. */
export function killAllWorkersNow(): void {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}

function isReadyLine(line: string): boolean {
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg === 'worker ready';
  } catch {
    return false;
  }
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_S;
}

/** The local TCP ports of the sockets a process holds (IPv4 and IPv6). */
export function localPorts(pid: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const columns = row.trim().split(/\s+/);
      if (columns.length < 10 || !inodes.has(columns[9]!)) continue;
      ports.add(parseInt(columns[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** CPU seconds the whole machine has been busy (all cores, every process), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_S;
}
