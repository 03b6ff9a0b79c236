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
import { startChatAdapters } from './chat-adapters.js';
import { createRuntime, type Runtime } from './runtime.js';
import { configOrExit, onShutdown } from './start-up.js';
import { holdTerminalSession, SessionInUseError, type HeldSession } from './terminal-session.js';

const json = process.argv.includes('--json');
const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
const platforms = configuredPlatforms(config);
const logger = createLogger(config.LOG_LEVEL ?? (platforms.length > 0 ? 'info' : 'warn'), 'gpt-tutor', { format: config.LOG_FORMAT });

if (platforms.length > 0) {
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
  const runtime = await createRuntime(config, logger, {}).catch(startFailed);
  const adapters: ChatAdapter[] = [];
  const shutdown = onShutdown(async () => {
    await Promise.all(adapters.map((adapter) => adapter.stop()));
    await runtime.close();
  });
  const onFatal = (platform: ChatAdapter['platform'], reason: string) => {
    logger.fatal({ platform, reason }, 'chat adapter stopped for good');
    shutdown.fatal(`${platform}: ${reason}`);
  };
  await startChatAdapters(runtime, config, logger, { onFatal, running: adapters }).catch(startFailed);
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
