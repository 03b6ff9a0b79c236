/**
 * Child processes for the fault tests, watched line by line, and bounded waits that fail with a clear message.
 * Every child started here is remembered, so `killAllChildren()` in afterAll leaves none behind even when a test
 * failed half-way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './child.js';
import { readyLine } from './fault-protocol.js';

const STOP_GRACE_MS = 10_000;

/**
 * Polls `check` until it returns true; after `timeoutMs` throws "timed out after … waiting for <what>", with
 * whatever `explain` adds (the state seen last, a child's stderr).
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; explain?: () => string | Promise<string> },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      const details = options.explain ? `\n${await options.explain()}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${details}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface FaultChild {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Complete stdout lines so far. */
  lines(): string[];
  stderr(): string;
  readonly running: boolean;
  /** Writes one line to stdin (kept open until `endInput`). */
  write(line: string): void;
  endInput(): void;
  /** Resolves with the first stdout line `match` accepts; fails after the bound with what the child printed. */
  waitForLine(what: string, match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Resolves when the process has exited (with its code), failing after the bound. */
  waitForExit(timeoutMs: number): Promise<number | null>;
  /** kill -9, then waits for the exit. */
  kill9(): Promise<void>;
}

const children = new Set<FaultChild>();

/** Starts `node --import tsx <script> …args` in the repository, stdin/stdout/stderr piped. */
export function spawnNode(name: string, script: string, args: readonly string[], env: NodeJS.ProcessEnv): FaultChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${script}`);
  const pid = child.pid;
  let stdout = '';
  let stderr = '';
  let exitCode: number | null = null;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('close', (code) => {
      exitCode = code;
      exited = true;
      resolve();
    }),
  );
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  // Keep the end of stderr: enough to explain a failure, never unbounded.
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-20_000)));
  child.stdin?.on('error', () => undefined);

  const lines = () => {
    const all = stdout.split('\n');
    all.pop(); // an unfinished line is not a line yet
    return all;
  };
  const describeChild = () => `${name} (pid ${pid}, ${exited ? `exited with ${String(exitCode)}` : 'running'})\nstdout:\n${stdout.slice(-4_000)}\nstderr:\n${stderr.slice(-4_000)}`;
  const waitForExit = async (timeoutMs: number) => {
    await waitUntil(`${name} to exit`, () => exited, { timeoutMs, explain: describeChild });
    return exitCode;
  };
  const handle: FaultChild = {
    name,
    pid,
    child,
    lines,
    stderr: () => stderr,
    get running() {
      return !exited;
    },
    write(line) {
      child.stdin?.write(`${line}\n`);
    },
    endInput() {
      child.stdin?.end();
    },
    async waitForLine(what, match, timeoutMs) {
      let found: string | undefined;
      await waitUntil(
        `${name} to print ${what}`,
        () => {
          found = lines().find(match);
          if (found === undefined && exited) throw new Error(`${name} exited before printing ${what}\n${describeChild()}`);
          return found !== undefined;
        },
        { timeoutMs, explain: describeChild },
      );
      return found!;
    },
    waitForExit,
    async kill9() {
      if (!exited) process.kill(pid, 'SIGKILL');
      await waitForExit(STOP_GRACE_MS);
    },
  };
  children.add(handle);
  void exit.then(() => children.delete(handle));
  return handle;
}

/** A fault worker (test/support/fault-worker.ts), resolved once it prints `ready <pid>`. */
export async function startFaultWorker(name: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<FaultChild> {
  const worker = spawnNode(name, 'test/support/fault-worker.ts', [], env);
  await worker.waitForLine('its ready line', (line) => line === readyLine(worker.pid), timeoutMs).catch(async (error: unknown) => {
    await worker.kill9();
    throw error;
  });
  return worker;
}

/** SIGKILL for every child still running (afterAll, even after a failure), then waits for them to go. */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => child.kill9().catch(() => undefined)));
}
