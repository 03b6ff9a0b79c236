/**
 * Recognising credentials in text: the patterns of tokens and passwords this process may never have been given
 * (Telegram bot tokens — telegraf puts `bot<token>` in every API URL —, Discord bot, interaction and webhook tokens,
 * `Authorization` header values, passwords in URLs), plus any configured secret values a caller passes in.
 * Pure: no environment, no logger. src/config/secrets.ts adds this process's configured secrets for the logs;
 * the core scrubs what it echoes back to users with `scrubCredentials`.
 */

export const REDACTED = '[redacted]';

/** Shorter configured values are ignored: scrubbing "admin" or "1234" would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 8;

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

let echoScrubber = createScrubber();

/**
 * Called once at start-up (src/main) with this process's configured secret values, so text the tutor quotes back
 * to users is scrubbed of them too, not only of recognisable credential shapes.
 */
export function useConfiguredSecrets(values: readonly string[]): void {
  echoScrubber = createScrubber(values);
}

/** Text with every recognisable or configured credential replaced: for user text the tutor quotes back. */
export function scrubCredentials(text: string): string {
  return echoScrubber.scrub(text);
}
