/**
 * `npm start`: the tutor. With platform tokens configured it serves those chats; with none, the terminal.
 * With REDIS_URL jobs go through BullMQ to `npm run worker`; without, everything runs in this process, offline.
 */
import { DEFAULT_IMAGE_DIR, TerminalAdapter, terminalLocale, terminalOutbox } from '../adapters/terminal/terminal.js';
import { configuredPlatforms } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import { createRuntime } from './runtime.js';
import { configOrExit, onShutdown } from './start-up.js';

const json = process.argv.includes('--json');
const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
const platforms = configuredPlatforms(config);
const logger = createLogger(config.LOG_LEVEL ?? (platforms.length > 0 ? 'info' : 'warn'));

if (platforms.length > 0) {
  // Honest until the chat adapters land: say so rather than pretend to be online.
  logger.warn({ platforms }, 'chat adapters are not part of this version yet; starting the terminal instead');
}

// Replies that arrive with nobody waiting go to the terminal once it exists.
const late: { terminal?: TerminalAdapter } = {};
const runtime = await createRuntime(config, logger, {
  outbox: terminalOutbox(config.TERMINAL_SESSION),
  onUnclaimed: async (delivery) => late.terminal?.showLate(delivery.reply, delivery.final),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not start');
  process.stderr.write(`gpt-tutor: could not start: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
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
