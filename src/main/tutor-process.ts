/**
 * `npm start`: the tutor. With platform tokens configured it serves those chats; with none, the terminal.
 * With REDIS_URL jobs go through BullMQ to `npm run worker`; without, everything runs in this process, offline.
 */
import { redisTopology } from '../config/redis-topology.js';
import { DEFAULT_IMAGE_DIR, TerminalAdapter, terminalLocale, terminalOutbox, terminalSession } from '../adapters/terminal/terminal.js';
import { configuredPlatforms } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import type { ChatAdapter } from '../core/ports.js';
import { ContentError } from '../content/errors.js';
import { RedisUnavailableError } from '../queue/redis-connection.js';
import { ProcessOps } from '../ops/process-ops.js';
import { CHAT_PLATFORMS, startChatAdapters } from './chat-adapters.js';
import { startShardManager, stopWithManager, type RunningShards } from './discord-shards.js';
import { drainBot, SHUTDOWN_MARGIN_MS } from './drain.js';
import { createRuntime, type Runtime } from './runtime.js';
import { configOrExit, onShutdown } from './start-up.js';
import { holdTerminalSession, SessionInUseError, type HeldSession } from './terminal-session.js';

const json = process.argv.includes('--json');
const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
const platforms = configuredPlatforms(config);
const logger = createLogger(config.LOG_LEVEL ?? (platforms.length > 0 ? 'info' : 'warn'), 'gpt-tutor', { format: config.LOG_FORMAT });

if (config.DISCORD_SHARDS !== undefined) {
  await serveShardManager();
} else if (platforms.length > 0) {
  await serveChats();
} else {
  await serveTerminal();
}

/**
 * A bot process: the configured chat platforms, until SIGINT or SIGTERM (exit 0), or until an adapter gives up for
 * good — a revoked token, Discord's gateway refusing the bot — when it logs why and exits 1 so the orchestrator
 * restarts or alerts (a process that stays up without listening would look healthy and answer nobody).
 */
async function serveChats(): Promise<void> {
  stopWithManager();
  const ops = ProcessOps.fromConfig(config);
  const runtime = await createRuntime(config, logger, { metrics: ops.metrics }).catch(startFailed);
  const adapters: ChatAdapter[] = [];
  if (runtime.ops) {
    ops.watchRedis(runtime.ops.redis, config.QUEUE_PREFIX);
    ops.watchParts('outboxes', runtime.ops.outboxConsumers);
  }
  // Each configured platform, "starting" until its adapter has started.
  ops.watchParts('adapters', () => Object.fromEntries(platforms.map((platform) => [platform, adapters.find((adapter) => adapter.platform === platform)?.health() ?? { ok: false, state: 'starting' }])));
  await ops.listen(logger).catch(startFailed);
  const shutdown = onShutdown(async () => {
    await drainBot({ adapters, runtime }, config.BOT_DRAIN_MS, logger);
    await ops.close();
  }, { signalStopBoundMs: config.BOT_DRAIN_MS + SHUTDOWN_MARGIN_MS });
  const onFatal = (platform: ChatAdapter['platform'], reason: string) => {
    logger.fatal({ platform, reason }, 'chat adapter stopped for good');
    shutdown.fatal(`${platform}: ${reason}`);
  };
  await startChatAdapters(runtime, config, logger, { onFatal, running: adapters, metrics: ops.metrics }).catch(startFailed);
}

/**
 * DISCORD_SHARDS: this process is the Discord shard manager (discord-shards.ts: one child process per shard, each
 * a bot process for Discord only), and serves Telegram itself when it is configured — never a child.
 */
async function serveShardManager(): Promise<void> {
  const open: { runtime?: Runtime; shards?: RunningShards } = {};
  const adapters: ChatAdapter[] = [];
  // The manager's /healthz: every shard's child ready (each child also serves its own, on OPS_PORT + 1 + id).
  const ops = ProcessOps.fromConfig(config);
  ops.watchParts('discord', () => open.shards?.health() ?? { shards: { ok: false, state: 'starting' } });
  if (config.TELEGRAM_TOKEN) ops.watchParts('adapters', () => ({ telegram: adapters[0]?.health() ?? { ok: false, state: 'starting' } }));
  await ops.listen(logger).catch(startFailed);
  // Children drain on their SIGTERM as lone bot processes do; the manager waits for them (a margin more).
  const stopBoundMs = config.BOT_DRAIN_MS + 2 * SHUTDOWN_MARGIN_MS;
  const shutdown = onShutdown(async () => {
    await Promise.all([open.shards?.stop(), open.runtime && drainBot({ adapters, runtime: open.runtime }, config.BOT_DRAIN_MS, logger)]);
    await ops.close();
  }, { signalStopBoundMs: stopBoundMs });
  const onFatal = (what: string, reason: string) => {
    logger.fatal({ what, reason }, 'stopped for good');
    shutdown.fatal(`${what}: ${reason}`);
  };
  if (config.TELEGRAM_TOKEN) {
    open.runtime = await createRuntime(config, logger, {}).catch(startFailed);
    const telegram = CHAT_PLATFORMS.filter((entry) => entry.platform === 'telegram');
    await startChatAdapters(open.runtime, config, logger, { onFatal, running: adapters, platforms: telegram }).catch(startFailed);
  }
  const onShardFatal = (reason: string) => onFatal('discord', reason);
  open.shards = await startShardManager(config, { entry: process.argv[1]!, logger, onFatal: onShardFatal, stopTimeoutMs: config.BOT_DRAIN_MS + SHUTDOWN_MARGIN_MS }).catch(startFailed);
}

function startFailed(error: unknown): never {
  const message = scrubSecrets(error instanceof Error ? error.message : String(error));
  // A cause the message names with its fix (Redis refused, a session in use, a content file's line) is one line;
  // anything else keeps its stack.
  if (!(error instanceof RedisUnavailableError || error instanceof SessionInUseError || error instanceof ContentError)) logger.fatal({ err: error }, 'could not start');
  process.stderr.write(`gpt-tutor: could not start: ${message}\n`);
  process.exit(1);
}

/** The tutor in this terminal: lines in, replies out, until input ends. */
async function serveTerminal(): Promise<void> {
  const session = terminalSession(config.TERMINAL_SESSION);
  const open: { runtime?: Runtime; held?: HeldSession } = {};
  const close = async () => {
    await open.runtime?.close();
    await open.held?.release();
  };
  const shutdown = onShutdown(close);
  // With Redis the session is held before its outbox is read, so a second terminal never takes the first's replies.
  const redis = redisTopology(config);
  if (redis) {
    open.held = await holdTerminalSession({
      redis,
      prefix: config.QUEUE_PREFIX,
      session,
      onWaiting: (waitMs) => process.stderr.write(`gpt-tutor: TERMINAL_SESSION "${session.name}" is held by another terminal; waiting up to ${Math.round(waitMs / 1000)} s for it to be freed\n`),
      onLost: (error) => shutdown.fatal(error.message),
    }).catch(startFailed);
  }
  // Replies that arrive with nobody waiting go to the terminal once it exists.
  const late: { terminal?: TerminalAdapter } = {};
  const outbox = open.held?.outbox ?? terminalOutbox(session.name);
  open.runtime = await createRuntime(config, logger, {
    outbox,
    onUnclaimed: async (delivery) => late.terminal?.deliver(delivery),
  }).catch(async (error: unknown) => {
    await open.held?.release();
    return startFailed(error);
  });

  const terminal = new TerminalAdapter(open.runtime.tutor, {
    input: process.stdin,
    output: process.stdout,
    json,
    // Both ends a TTY: with output to a file or a pipe, prompts and in-place redraws would only be noise in it.
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !json,
    locale: terminalLocale(process.env),
    imageDir: DEFAULT_IMAGE_DIR,
    outbox,
  });
  late.terminal = terminal;
  await terminal.run();
  await close();
}
