import { pino, type Logger } from 'pino';

// Anything that may hold a credential is masked wherever it appears in a log object.
const REDACT_PATHS = ['token', '*.token', 'DISCORD_TOKEN', 'TELEGRAM_TOKEN', 'REDIS_URL', '*.REDIS_URL', 'password', '*.password', 'authorization', '*.authorization'];

/** Logs go to stderr (fd 2), so stdout carries only replies (the terminal's --json lines). */
export function createLogger(level: string, name = 'gpt-tutor'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination(2));
}
