/**
 * `npm start`: the tutor. With platform tokens configured it serves those chats; with none, the terminal.
 * With REDIS_URL jobs go through BullMQ to `npm run worker`; without, everything runs in this process, offline.
 */
import { DEFAULT_IMAGE_DIR, TerminalAdapter, terminalLocale, terminalOutbox } from '../adapters/terminal/terminal.js';
import { configuredPlatforms } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import { startChatAdapters } from './chat-adapters.js';
import { createRuntime } from './runtime.js';
import { configOrExit, onShutdown } from './start-up.js';

const json = process.argv.includes('--json');
const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
const platforms = configuredPlatforms(config);
const logger = createLogger(config.LOG_LEVEL ?? (platforms.length > 0 ? 'info' : 'warn'));

if (platforms.length > 0) {
  await serveChats();
} else {
  await serveTerminal();
}

/** A bot process: the configured chat platforms, until SIGINT or SIGTERM. */
async function serveChats(): Promise<void> {
  const runtime = await createRuntime(config, logger, { outbox: 'outbox-bot' }).catch(startFailed);
  const adapters = await startChatAdapters(runtime, config, logger).catch(startFailed);
  onShutdown(async () => {
    await Promise.all(adapters.map((adapter) => adapter.stop()));
    await runtime.close();
  });
}

function startFailed(error: unknown): never {
  logger.fatal({ err: error }, 'could not start');
  process.stderr.write(`gpt-tutor: could not start: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
}

/** The tutor in this terminal: lines in, replies out, until input ends. */
async function serveTerminal(): Promise<void> {
  // Replies that arrive with nobody waiting go to the terminal once it exists.
  const late: { terminal?: TerminalAdapter } = {};
  const runtime = await createRuntime(config, logger, {
    outbox: terminalOutbox(config.TERMINAL_SESSION),
    onUnclaimed: async (delivery) => late.terminal?.showLate(delivery.reply, delivery.final),
  }).catch(startFailed);
  onShutdown(() => runtime.close());

  const terminal = new TerminalAdapter(runtime.tutor, {
    input: process.stdin,
    output: process.stdout,
    json,
    interactive: Boolean(process.stdin.isTTY) && !json,
    locale: terminalLocale(process.env),
    imageDir: DEFAULT_IMAGE_DIR,
  });
  late.terminal = terminal;
  await terminal.run();
  await runtime.close();
}
