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
 * Pure module (no logger, no platform): the core may use `scrubSecrets` on text it echoes back to users.
 */

export const REDACTED = '[redacted]';

/** Shorter configured values are ignored: scrubbing "admin" or "1234" would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 8;

const SECRET_VARIABLE = /_(?:TOKEN|SECRET|PASSWORD|KEY)$/i;
const URL_VARIABLE = /(?:^|_)URL$/i;

/** Object keys whose values are credentials whatever they look like (`token`, `interactionToken`, `client_secret`…). */
const SECRET_KEY = /(?:token|secret|password|passwd|authorization|cookie|credentials?|api[_-]?key|private[_-]?key|access[_-]?key)$/i;

const TOKEN_CHARS = 'A-Za-z0-9_-';

/**
 * Applied in order, after the configured values. Each keeps whatever is not the secret itself. Every pattern that
 * starts with a repeated class is anchored by a look-behind to the start of a run: without it a long run of such
 * characters (a base64 blob) makes the engine retry from every position, quadratic in its length.
 */
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // scheme://user:password@host → scheme://user:[redacted]@host
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)[^\s@/?#]+@/gi, `$1${REDACTED}@`],
  // Discord: /webhooks/<id>/<token> and /interactions/<id>/<token>/callback
  [/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9_.+=-]+/g, `$1${REDACTED}`],
  // Discord interaction tokens outside URLs (job data): base64 of "interaction:<id>:<secret>"
  [/aW50ZXJhY3Rpb246[A-Za-z0-9_+/=.-]*/g, REDACTED],
  // Telegram bot tokens: <bot id>:<secret>, also inside telegraf's https://api.telegram.org/bot<token>/method
  [new RegExp(`\\d{6,12}:[${TOKEN_CHARS}]{30,}`, 'g'), REDACTED],
  // Authorization / Proxy-Authorization header values, in any "name: value" or "name=value" rendering
  [/(authorization["']?\s*[:=]\s*["']?(?:(?:bot|bearer|basic|token)\s+)?)[^\s"',;}]+/gi, `$1${REDACTED}`],
  // A bare "Bearer <token>" or "Bot <token>"
  [/\b(Bearer|bearer|BEARER|Bot)\s+[A-Za-z0-9._~+/-]{16,}=*/g, `$1 ${REDACTED}`],
  // JSON Web Tokens: header.payload.signature, both JSON parts base64url of "{\"…".
  [new RegExp(`(?<![${TOKEN_CHARS}])eyJ[${TOKEN_CHARS}]{10,}\\.eyJ[${TOKEN_CHARS}]{10,}\\.[${TOKEN_CHARS}]{10,}`, 'g'), REDACTED],
  // Discord bot tokens: base64url parts <user id ≥ 20>.<timestamp, 6>.<HMAC ≥ 27> — the middle and last lengths keep
  // long dotted identifiers (some_long_module_name.test.another_long_name) out.
  [new RegExp(`(?<![${TOKEN_CHARS}])[${TOKEN_CHARS}]{20,}\\.[${TOKEN_CHARS}]{6,7}\\.[${TOKEN_CHARS}]{27,}`, 'g'), REDACTED],
];

/**
 * A loose superset of PATTERNS that also holds on JSON-encoded text (a finished log line), where escapes such as
 * `\n` or `\"` may sit next to a secret. True means "decode and scrub"; false means nothing needs scrubbing.
 */
const LOOSE = new RegExp(
  [
    ':\\/\\/[^\\s/@]*@',
    '(?:webhooks|interactions)\\/\\d+\\/',
    'aW50ZXJhY3Rpb246',
    `\\d{6}:[${TOKEN_CHARS}]{30}`,
    'authorization',
    '(?:bearer|Bot)(?:\\s|\\\\[nrtf])+[A-Za-z0-9._~+/-]{16}',
    `[${TOKEN_CHARS}]{13}\\.[${TOKEN_CHARS}]{6,}\\.[${TOKEN_CHARS}]{10}`,
  ].join('|'),
  'i',
);

export interface Scrubber {
  /** `text` with every configured secret and every recognised credential replaced by `[redacted]`. */
  scrub(text: string): string;
  /** Cheap check on raw or JSON-encoded text: false means `scrub` of the decoded text would change nothing. */
  mayContain(text: string): boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** A scrubber for these configured values plus the built-in credential patterns. */
export function createScrubber(values: readonly string[] = []): Scrubber {
  const usable = [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  const exact = usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join('|'), 'g') : undefined;
  // In a JSON log line a value with quotes, backslashes or control characters appears escaped.
  const encoded = usable.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
  const exactLoose = usable.length > 0 ? new RegExp([...new Set(encoded)].map(escapeRegExp).join('|')) : undefined;

  return {
    scrub(text) {
      let result = exact ? text.replace(exact, REDACTED) : text;
      for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
      return result;
    },
    mayContain(text) {
      return (exactLoose?.test(text) ?? false) || LOOSE.test(text);
    },
  };
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
