/**
 * `npm run bench:telegram`: update received → first reply sent, through the whole production path: the fake Bot API
 * on 127.0.0.1 (test/support/fake-telegram) long-polled by the real telegraf client in the Telegram adapter, BullMQ
 * on a Redis this bench starts itself (never another one), 2 `npm run worker` child processes, the outbox back to the
 * adapter, its send limiter at Telegram's real limits.
 *
 * Latency of a command = when the fake queued the update → when the adapter's first message for it reached the fake.
 * Each command comes from its own private chat (200 chats), a mix of /explain topics and questions in en and zh,
 * /help and /start. Two runs of 200:
 *   - paced: 20 commands a second, under Telegram's ~30 messages/s, so the number is the bot's own latency;
 *   - burst: all 200 at once, so the global limit (30/s) shows: replies are delayed, none dropped.
 * One JSON object on stdout; logs on stderr. Knobs: BENCH_COMMANDS, BENCH_RATE (paced commands/s).
 */
import { nearestRank } from './support/stats.js';
import { pino } from 'pino';
import { TELEGRAM_OUTBOX, TELEGRAM_SEND_LIMITS, TelegramAdapter } from '../src/adapters/telegram/index.js';
import { loadConfig } from '../src/config/config.js';
import { createRuntime } from '../src/main/runtime.js';
import { FakeTelegram, person } from '../test/support/fake-telegram/server.js';
import { killAllWorkersNow, REAL_WORKER, startWorker, stopAllWorkers } from './support/processes.js';
import { startRedis, type BenchRedis } from './support/redis.js';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 200);
const PACED_PER_SECOND = Number(process.env['BENCH_RATE'] ?? 20);
const WARMUP = 30;
const WORKERS = 2;
const RUN_TIMEOUT_MS = 120_000;
const PREFIX = 'bench-telegram';
const LINES = [
  '/explain attention',
  '/explain tokens',
  '/explain transformer',
  '/explain softmax',
  '/explain what does the T in GPT mean?',
  '/explain 注意力机制是什么',
  '/help',
  '/start',
];
const SENDS = new Set(['sendMessage', 'sendPhoto']);

interface RunResult {
  commands: number;
  answered: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  wall_ms: number;
}

async function main(): Promise<void> {
  let redis: BenchRedis | undefined;
  let fake: FakeTelegram | undefined;
  const cleanUp = async () => {
    await stopAllWorkers();
    await fake?.close();
    await redis?.stop();
  };
  process.once('exit', killAllWorkersNow);
  try {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'info' };
    for (let i = 0; i < WORKERS; i++) await startWorker(`worker-${i + 1}`, REAL_WORKER, env);
    fake = await FakeTelegram.start({ maxPollMs: 30_000 });
    const runtime = await createRuntime(loadConfig(env), pino({ level: 'silent' }), { outbox: 'outbox-bench-edge' });
    const logger = pino({ level: 'warn' }, process.stderr);
    const adapter = new TelegramAdapter(runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger });
    await runtime.serve('telegram', TELEGRAM_OUTBOX, (delivery) => adapter.deliver(delivery));
    await adapter.start();
    await fake.waitForHeldPoll();

    let nextUser = 100_000;
    const run = async (count: number, perSecond: number | undefined): Promise<RunResult> => {
      const started = Date.now();
      const chats: { id: number; pushedAt: number }[] = [];
      for (let i = 0; i < count; i++) {
        if (perSecond) await sleepUntil(started + (i * 1000) / perSecond);
        const user = person(nextUser++, { languageCode: i % 3 === 0 ? 'zh-hans' : 'en' });
        const pushedAt = Date.now();
        fake!.pushPrivateMessage(user, LINES[i % LINES.length]!);
        chats.push({ id: user.id, pushedAt });
      }
      // The first message call per chat, indexed as calls come in (re-scanning every call on every check is quadratic).
      const firstAt = new Map<string, number>();
      let scanned = 0;
      const allAnswered = () => {
        for (; scanned < fake!.calls.length; scanned++) {
          const call = fake!.calls[scanned]!;
          const chat = String(call.params['chat_id']);
          if (SENDS.has(call.method) && !firstAt.has(chat)) firstAt.set(chat, call.at);
        }
        return chats.every((chat) => firstAt.has(String(chat.id)));
      };
      await fake!.waitFor(allAnswered, RUN_TIMEOUT_MS, 'every reply');
      const latencies = chats.map((chat) => firstAt.get(String(chat.id))! - chat.pushedAt).sort((a, b) => a - b);
      return {
        commands: count,
        answered: latencies.length,
        p50_ms: nearestRank(latencies, 0.5),
        p99_ms: nearestRank(latencies, 0.99),
        max_ms: latencies.at(-1) ?? 0,
        wall_ms: Date.now() - started,
      };
    };

    await run(WARMUP, PACED_PER_SECOND);
    const paced = await run(COMMANDS, PACED_PER_SECOND);
    const burst = await run(COMMANDS, undefined);
    const refused = fake.calls.filter((call) => call.status >= 400).length;

    await adapter.stop();
    await runtime.close();
    process.stdout.write(
      `${JSON.stringify({
        bench: 'telegram',
        what: 'update received by the fake Bot API -> first reply message reaching it; private chats, one command each',
        path: 'telegraf long polling -> Tutor.dispatch -> BullMQ (local redis-server) -> 2 worker processes -> outbox-telegram -> adapter -> send limiter -> telegraf',
        workers: WORKERS,
        limits: TELEGRAM_SEND_LIMITS,
        paced: { rate_per_s: PACED_PER_SECOND, ...paced },
        burst,
        refused_requests: refused,
        node: process.version,
      })}\n`,
    );
  } finally {
    await cleanUp();
  }
}


async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

await main().catch((error: unknown) => {
  process.stderr.write(`bench:telegram failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
