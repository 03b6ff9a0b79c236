import { pino, type DestinationStream, type LogFn, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { REDACTED, isSecretKey, scrubDeep, scrubberFromEnv, type Scrubber } from './secrets.js';

// Anything that may hold a credential is masked wherever it appears in a log object.
const REDACT_PATHS = ['token', '*.token', 'DISCORD_TOKEN', 'TELEGRAM_TOKEN', 'REDIS_URL', '*.REDIS_URL', 'password', '*.password', 'authorization', '*.authorization'];

/** pino's errorKey and messageKey (defaults). */
const ERROR_KEY = 'err';
const MESSAGE_KEY = 'msg';

export interface LoggerOptions {
  /** Where log lines go: stderr (fd 2) by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Whose configured secrets are scrubbed: the process environment by default. */
  env?: NodeJS.ProcessEnv;
  /** `pretty` for a person at a terminal, `json` for log collectors; by default pretty only when stderr is a TTY. */
  format?: LogFormat | undefined;
}

export type LogFormat = 'json' | 'pretty';

/** Pretty lines for a person reading a terminal, JSON lines for a collector (docker logs, journald, a file). */
export function defaultLogFormat(stderrIsTty = Boolean(process.stderr.isTTY)): LogFormat {
  return stderrIsTty ? 'pretty' : 'json';
}

/**
 * Logs go to stderr (fd 2), so stdout carries only replies (the terminal's --json lines).
 *
 * Every line is scrubbed of secrets (see secrets.ts): the message and its format arguments (logMethod hook), every
 * field at any depth (formatters.log, formatters.bindings), errors with their message, stack and causes (the err
 * serializer), and finally the finished line itself (streamWrite) as a safety net for anything pino adds later.
 */
export function createLogger(level: string, name = 'gpt-tutor', options: LoggerOptions = {}): Logger {
  const scrubber = scrubberFromEnv(options.env);
  const deep = (value: unknown) => scrubDeep(value, { scrubber, serializeError: pino.stdSerializers.err });

  return pino(
    {
      name,
      level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { [ERROR_KEY]: (error: Error) => deep(pino.stdSerializers.err(error)) },
      formatters: {
        bindings: (bindings) => deep(bindings) as object,
        log: (object) => {
          const scrubbed: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) {
            // The err serializer runs after this formatter and needs the Error itself.
            if (key === ERROR_KEY) scrubbed[key] = value;
            else scrubbed[key] = value !== null && value !== undefined && isSecretKey(key) ? REDACTED : deep(value);
          }
          return scrubbed;
        },
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, scrubArgs(args, scrubber, deep) as Parameters<LogFn>);
        },
        streamWrite: (line) => (scrubber.mayContain(line) ? rescrubLine(line, scrubber, deep) : line),
      },
    },
    destinationFor(options.format ?? (options.destination ? 'json' : defaultLogFormat()), options.destination),
  );
}

/**
 * stderr as JSON, or through pino-pretty in this thread (no transport worker: a fatal line before exit is not lost).
 * The pretty stream reads the JSON line after streamWrite has scrubbed it, so both formats carry the same text.
 */
function destinationFor(format: LogFormat, destination: DestinationStream | undefined): DestinationStream {
  if (format === 'json') return destination ?? pino.destination(2);
  return PinoPretty({ destination: destination ?? 2, sync: true, colorize: destination === undefined, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
}

/**
 * The arguments of a log call, scrubbed: the message template and string arguments directly, objects given for
 * `%s`/`%j`/`%o` through a stand-in that renders them scrubbed. The first object is left to the formatters, but the
 * message pino would take from an error (`logger.error(err)`, `logger.warn({ err })`) is made explicit and scrubbed.
 */
function scrubArgs(args: unknown[], scrubber: Scrubber, deep: (value: unknown) => unknown): unknown[] {
  const [first, ...rest] = args;
  const firstIsObject = typeof first === 'object' && first !== null;
  const scrubbed = [firstIsObject ? first : deep(first), ...rest.map((arg) => scrubArg(arg, scrubber, deep))];
  if (firstIsObject && rest[0] === undefined) {
    const fields = first as Record<string, unknown>;
    const error = first instanceof Error ? first : fields[MESSAGE_KEY] === undefined ? fields[ERROR_KEY] : undefined;
    const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
    if (typeof message === 'string') scrubbed[1] = scrubber.scrub(message);
  }
  return scrubbed;
}

function scrubArg(arg: unknown, scrubber: Scrubber, deep: (value: unknown) => unknown): unknown {
  if (typeof arg === 'string') return scrubber.scrub(arg);
  if (typeof arg !== 'object' || arg === null) return arg;
  return { toString: () => scrubber.scrub(String(arg)), toJSON: () => deep(arg) };
}

/** The safety net on a finished JSON line: decode, scrub every string and credential field, encode again. */
function rescrubLine(line: string, scrubber: Scrubber, deep: (value: unknown) => unknown): string {
  const end = line.endsWith('\n') ? '\n' : '';
  try {
    return JSON.stringify(deep(JSON.parse(line))) + end;
  } catch {
    return scrubber.scrub(line);
  }
}
