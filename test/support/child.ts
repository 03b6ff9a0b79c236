/** The real entry points (src/main/*.ts) as child processes, with an environment built from scratch. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TUTOR = 'src/main/tutor-process.ts';
const WORKER = 'src/main/worker.ts';
const RUN_TIMEOUT_MS = 20_000;

/** PATH and HOME of the runner, a UTF-8 locale, then what the test adds. No REDIS_URL unless the test gives its own. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { LANG: 'C.UTF-8', ...extra };
  if (process.env['PATH']) env['PATH'] = process.env['PATH'];
  if (process.env['HOME']) env['HOME'] = process.env['HOME'];
  return env;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the child had to be killed for running past the bound. */
  timedOut: boolean;
}

/** Runs `npm start` (`node --import tsx src/main/tutor-process.ts …args`), writes the lines to stdin, closes it, and waits. */
export function runTutor(lines: readonly string[], options: { env: NodeJS.ProcessEnv; args?: readonly string[]; timeoutMs?: number }): Promise<RunResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', TUTOR, ...(options.args ?? ['--json'])], {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined); // a child that exits early (config error) closes its stdin
  child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, options.timeoutMs ?? RUN_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
  });
}

/** One reply line of `--json` output. */
export interface JsonReply {
  command: string;
  lang: 'en' | 'zh';
  locale: string;
  text: string;
  buttons: { id: string; label: string; description?: string }[];
  final: boolean;
  topic?: string | null;
  error?: { code: string; key: string };
  model?: string;
  new_tokens?: number;
  answers?: { model: string; stage: string; text: string }[];
  image?: string;
  correct?: boolean;
}

/** Splits stdout into lines and parses each as JSON; any line that is not a JSON object fails the test. */
export function jsonLines(stdout: string): JsonReply[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      expect(parsed).toBeTypeOf('object');
      return parsed as JsonReply;
    });
}

export const ANSI_ESCAPE = /\u001b/;
export const HAN = /\p{Script=Han}/u;
/** What a stack trace or an internal error leaking into a reply would look like. */
export const STACK_TRACE = /Error:|\n\s+at |\bat .*\(|file:\/\/|\/work\/|node:internal|\.ts:\d+/;

export interface WorkerChild {
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after a bound). */
  stop(): Promise<number | null>;
}

/** Starts `npm run worker` and resolves once it logs "worker ready" (pino JSON on stderr). */
export async function startWorker(env: NodeJS.ProcessEnv, timeoutMs = RUN_TIMEOUT_MS): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const worker: WorkerChild = {
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`worker not ready within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void worker.stop().finally(() => reject(error));
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (isReady(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('close', (code) => fail(new Error(`worker exited (code ${code}) before it was ready:\n${stderr}`)));
  });
  return worker;
}

function isReady(log: string): boolean {
  return log.split('\n').some((line) => {
    try {
      return (JSON.parse(line) as { msg?: unknown }).msg === 'worker ready';
    } catch {
      return false;
    }
  });
}

/** The five-line session both terminal e2e files run (offline and through BullMQ). */
export const SESSION = ['/explain attention', '/lang zh', '/explain attention', '/help', '/explain 什么是预训练'];

/**
 * What SESSION must give in any deployment: exit 0, one final JSON reply per line in order, /lang zh sticking, well-formed
 * buttons, no stack trace; and the privacy line of the store in use. Returns the replies for checks of its own.
 */
export function expectSessionAnswered(run: RunResult, privacyLine: string): [JsonReply, JsonReply, JsonReply, JsonReply, JsonReply] {
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(ANSI_ESCAPE);
  const replies = jsonLines(run.stdout);
  expect(replies.map((reply) => reply.command)).toEqual(['explain', 'lang', 'explain', 'help', 'explain']);
  expect(replies.map((reply) => reply.lang)).toEqual(['en', 'zh', 'zh', 'zh', 'zh']);
  for (const reply of replies) {
    expect(reply.final).toBe(true);
    expect(reply.error).toBeUndefined();
    expect(reply.text).not.toMatch(STACK_TRACE);
    expect(Array.isArray(reply.buttons)).toBe(true);
    for (const button of reply.buttons) {
      expect(Object.keys(button).sort()).toEqual(['id', 'label']);
      expect(button.id).toMatch(/^b[A-Za-z0-9_-]+$/);
      expect(button.label).not.toBe('');
    }
  }
  const [explainEn, , explainZh, help, pretraining] = replies as [JsonReply, JsonReply, JsonReply, JsonReply, JsonReply];
  expect(explainEn.topic).toBe('attention');
  expect(explainEn.text).not.toMatch(HAN);
  expect(explainZh.topic).toBe('attention');
  expect(explainZh.text).toContain('注意力');
  expect(help.text).toMatch(HAN);
  expect(help.text).toContain(privacyLine);
  expect(pretraining.topic).toBe('pretraining');
  return replies as [JsonReply, JsonReply, JsonReply, JsonReply, JsonReply];
}
