/**
 * Secret scrubbing: what keeps tokens and passwords out of logs and out of anything shown to a user.
 *
 * Two nets, applied together:
 *  - the secret VALUES configured in this process (platform tokens, the password in REDIS_URL, any variable whose
 *    name ends in _TOKEN, _SECRET, _PASSWORD or _KEY), replaced wherever they appear, even inside a longer word;
 *  - PATTERNS that recognise credentials this process was never given: Telegram bot tokens (telegraf puts
 *    `bot<token>` in every API URL), Discord bot tokens, Discord interaction and webhook tokens, `Authorization`
 *    header values, and passwords in URLs.
 *
 * The patterns and the scrubber itself live in src/core/credentials.ts (pure); this adds the environment.
 */

import { createScrubber, MIN_SECRET_LENGTH, REDACTED, type Scrubber } from '../core/credentials.js';

export { createScrubber, MIN_SECRET_LENGTH, REDACTED, type Scrubber };

const SECRET_VARIABLE = /_(?:TOKEN|SECRET|PASSWORD|KEY)$/i;
const URL_VARIABLE = /(?:^|_)URL$/i;

/** Object keys whose values are credentials whatever they look like (`token`, `interactionToken`, `client_secret`…). */
const SECRET_KEY = /(?:token|secret|password|passwd|authorization|cookie|credentials?|api[_-]?key|private[_-]?key|access[_-]?key)$/i;

/** The password of a URL, as written and percent-decoded; none when the URL has none or does not parse. */
function urlPasswords(value: string): string[] {
  const found: string[] = [];
  try {
    const password = new URL(value).password;
    if (password) found.push(password);
  } catch {
    // Not a WHATWG URL: fall back to the raw "scheme://user:password@" shape below.
  }
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:([^\s@/?#]+)@/i.exec(value.trim())?.[1];
  if (raw) found.push(raw);
  return found.flatMap((password) => {
    try {
      return [password, decodeURIComponent(password)];
    } catch {
      return [password];
    }
  });
}

/** The secret values configured in `env`: what a scrubber replaces besides its patterns. */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  const add = (value: string) => {
    if (value.length >= MIN_SECRET_LENGTH) values.add(value);
  };
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_VARIABLE.test(name)) {
      add(value);
      add(value.trim());
    }
    if (URL_VARIABLE.test(name)) urlPasswords(value).forEach(add);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** A scrubber for the secrets configured in `env` (the process environment by default). */
export function scrubberFromEnv(env: NodeJS.ProcessEnv = process.env): Scrubber {
  return createScrubber(secretValues(env));
}

let processScrubber: Scrubber | undefined;

/**
 * Removes secrets from text before it is logged or shown to anyone. Uses the secrets of this process's environment,
 * read once (configuration is read once too); `resetSecretScrubber` re-reads them.
 */
export function scrubSecrets(text: string): string {
  processScrubber ??= scrubberFromEnv();
  return processScrubber.scrub(text);
}

/** Forgets the cached process scrubber, so the next `scrubSecrets` reads the environment again. */
export function resetSecretScrubber(): void {
  processScrubber = undefined;
}

/** True for an object key whose value is a credential whatever it looks like. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * ioredis attaches the failed command to its errors: `{ name: 'auth', args: [user, password] }` (HELLO carries AUTH
 * too). Its arguments are dropped whatever their length: a short Redis password is below MIN_SECRET_LENGTH.
 */
function isAuthCommand(value: object): boolean {
  const { name, args } = value as { name?: unknown; args?: unknown };
  return typeof name === 'string' && /^(?:auth|hello)$/i.test(name) && Array.isArray(args);
}

export interface DeepScrubOptions {
  scrubber?: Scrubber;
  /** How to turn an Error met anywhere into plain data before scrubbing (pino's err serializer, for logs). */
  serializeError?: (error: Error) => unknown;
  /** Deeper values become "[Object]" (pino prints 5 levels by default, so logs lose nothing). */
  maxDepth?: number;
}

/**
 * A scrubbed copy of any value: every string at any depth is scrubbed, values under credential-looking keys are
 * replaced whole, `toJSON` is honoured (a URL object becomes its scrubbed href), cycles become "[Circular]".
 */
export function scrubDeep(value: unknown, options: DeepScrubOptions = {}): unknown {
  const scrubber = options.scrubber;
  const scrub = scrubber ? (text: string) => scrubber.scrub(text) : scrubSecrets;
  const maxDepth = options.maxDepth ?? 10;
  const ancestors = new Set<object>();

  const walk = (current: unknown, key: string, depth: number): unknown => {
    if (typeof current === 'string') return scrub(current);
    if (current === null || typeof current !== 'object') return current;
    if (ancestors.has(current)) return '[Circular]';
    if (depth > maxDepth) return Array.isArray(current) ? '[Array]' : '[Object]';
    ancestors.add(current);
    try {
      if (current instanceof Error && options.serializeError) {
        const serialized = options.serializeError(current);
        if (serialized !== current) return walk(serialized, key, depth);
      }
      const toJSON = (current as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return walk(toJSON.call(current, key), key, depth);
      if (Array.isArray(current)) return current.map((item, index) => walk(item, String(index), depth + 1));
      const authCommand = isAuthCommand(current);
      const copy: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(current)) {
        if (authCommand && name === 'args') copy[name] = [REDACTED];
        else copy[name] = item !== null && item !== undefined && isSecretKey(name) ? REDACTED : walk(item, name, depth + 1);
      }
      return copy;
    } catch {
      return '[Unserializable]';
    } finally {
      ancestors.delete(current);
    }
  };
  return walk(value, '', 0);
}
