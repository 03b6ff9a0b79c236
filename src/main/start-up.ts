import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { scrubSecrets } from '../config/secrets.js';

/** Reads the configuration or stops the process with a message that names the variable (exit code 2). */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gpt-tutor: ${error.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error: unknown) => process.stderr.write(`gpt-tutor: error while stopping after ${signal}: ${scrubSecrets(String(error))}\n`))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
