/**
 * bench:scale, bot replicas: two Telegram bot processes (`npm start`, polling mode, one Redis and prefix) and two
 * workers against the fake Bot API on 127.0.0.1. 1,000 private chats each send one command; half-way through, the
 * replica holding the polling lease is killed (-9) — with the updates it had fetched but not yet confirmed, the
 * deliveries it was sending, the locks it held. The other takes the lease over and finishes.
 *
 * `replicas_lost`: updates never answered within the bound; `replicas_duplicates`: chats answered more than once.
 * Both must be 0: updates the killed replica had taken come back to the new poller (Telegram had no confirmation),
 * the update log in Redis says whether one was handled, and a command handled twice under the same update-derived
 * correlation id is answered once (the outbox's final mark).
 */
import { spawn } from 'node:child_process';
import { FakeTelegram, person } from '../test/support/fake-telegram/server.js';
import { REAL_WORKER, REPO_ROOT, startWorker } from './support/processes.js';
import { startRedis } from './support/redis.js';

const UPDATES = Number(process.env['BENCH_REPLICA_UPDATES'] ?? 1_000);
const START_MS = 90_000;
/** Telegram's 30 messages a second bound the answers: 1,000 take ≥ 34 s; the bound leaves room for the takeover. */
const ANSWER_BOUND_MS = 240_000;
/** After everything is answered, how long to listen for a duplicate. */
const QUIET_MS = 3_000;
const LEASE_MS = 3_000;

interface BotChild {
  name: string;
  running: boolean;
  stderr(): string;
  kill9(): Promise<void>;
}

/** `npm start` as a child, its stderr (pino JSON) kept for the lines this bench looks for. */
function spawnBot(name: string, env: Record<string, string>): BotChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/tutor-process.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    name,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    stderr: () => stderr,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function logHas(bot: BotChild, message: string): boolean {
  return bot.stderr().split('\n').some((line) => line.includes(`"msg":"${message}"`));
}

export async function replicasFigures(log: (message: string) => void): Promise<Record<string, unknown>> {
  const redis = await startRedis();
  const fake = await FakeTelegram.start();
  const bots: BotChild[] = [];
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'bench-replicas',
    TELEGRAM_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_CHECK_MS: '1000',
    TELEGRAM_POLLING_LEASE_MS: String(LEASE_MS),
    LANG: 'C.UTF-8',
    ...(process.env['PATH'] ? { PATH: process.env['PATH'] } : {}),
    ...(process.env['HOME'] ? { HOME: process.env['HOME'] } : {}),
  };
  try {
    const workers = [await startWorker('worker-1', REAL_WORKER, env), await startWorker('worker-2', REAL_WORKER, env)];
    bots.push(spawnBot('bot-a', env), spawnBot('bot-b', env));
    await waitUntil('both replicas, one polling', () => bots.every((bot) => logHas(bot, 'telegram adapter started')) && bots.some((bot) => logHas(bot, 'telegram: polling lease taken; polling')), START_MS);
    log(`replicas: ${UPDATES} updates, the polling replica killed half-way`);
    const students = Array.from({ length: UPDATES }, (_, index) => person(200_000 + index));
    const startedAt = Date.now();
    let killedAt = 0;
    for (const [index, student] of students.entries()) {
      fake.pushPrivateMessage(student, index % 2 === 0 ? '/help' : '/explain attention');
      if (index === Math.floor(UPDATES / 2)) {
        const poller = bots.find((bot) => logHas(bot, 'telegram: polling lease taken; polling'))!;
        await poller.kill9();
        killedAt = Date.now();
        log(`replicas: killed ${poller.name} after ${index + 1} updates`);
      }
      // Students typing, not a replay: a few a millisecond at most.
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answered = () => students.filter((student) => fake.botMessages(student.id).length > 0).length;
    await waitUntil('every update answered', () => answered() === UPDATES, ANSWER_BOUND_MS).catch(() => undefined);
    const allAnsweredMs = Date.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const survivor = bots.find((bot) => bot.running)!;
    const takeoverLine = survivor.stderr().split('\n').filter((line) => line.includes('"msg":"telegram: polling lease taken; polling"')).at(-1);
    const takeoverAt = takeoverLine ? Number((JSON.parse(takeoverLine) as { time?: number }).time) : NaN;
    const sends = fake.calls.filter((call) => call.method === 'sendMessage' && call.status === 200);
    const figures = {
      replicas_lost: students.filter((student) => fake.botMessages(student.id).length === 0).length,
      replicas_duplicates: students.filter((student) => fake.botMessages(student.id).length > 1).length,
      replicas: {
        updates: UPDATES,
        all_answered_s: Math.round(allAnsweredMs / 100) / 10,
        answers_per_s: Math.round((sends.length / (allAnsweredMs / 1000)) * 10) / 10,
        polling_takeover_ms: Number.isFinite(takeoverAt) ? takeoverAt - killedAt : null,
        polling_lease_ms: LEASE_MS,
        responses_429: fake.calls.filter((call) => call.status === 429).length,
      },
    };
    await Promise.all(workers.map((worker) => worker.stop()));
    return figures;
  } finally {
    await Promise.all(bots.map((bot) => bot.kill9().catch(() => undefined)));
    await fake.close();
    await redis.stop();
  }
}
