import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, defaultLogFormat, type LogFormat } from '../../src/config/logger.js';
import { createScrubber, REDACTED, resetSecretScrubber, scrubDeep, scrubSecrets, secretValues } from '../../src/config/secrets.js';
import { useConfiguredSecrets } from '../../src/core/credentials.js';
import type { Runtime } from '../../src/main/runtime.js';
import { asker, offlineRuntime } from './fixtures.js';

// Fake credentials in the real shapes, assembled at run time so no secret scanner mistakes this file for a leak.
const TELEGRAM = ['7351924680', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'].join(':');
const TELEGRAM_SECRET = TELEGRAM.split(':')[1] ?? '';
const DISCORD = ['MTA5ODc2NTQzMjEwOTg3NjU0Mw', 'GhIjKl', 'q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM1234'].join('.');
const DISCORD_SIGNATURE = DISCORD.split('.')[2] ?? '';
const INTERACTION = `aW50ZXJhY3Rpb246${Buffer.from('1098765432109876543:Zx81kQp0LmNwVbTr55YuIoPa').toString('base64url')}`;
const REDIS_PASSWORD = 'S3cr3t-Redis-Pa55';
const REDIS_URL = `redis://tutor:${REDIS_PASSWORD}@redis.internal:6379/0`;
const BEARER = 'ya29.a0AfH6SMBxQ7kLmN0pRsTuVwXyZ';
/** Configured, but in no shape a pattern knows: only the configured value can catch it. */
const HUB_TOKEN = 'hubPlainSecret42';
/** An unconfigured password in some other URL: only the URL pattern can catch it. */
const DB_PASSWORD = 'hunter2-but-longer';

const ENV: NodeJS.ProcessEnv = {
  TELEGRAM_TOKEN: TELEGRAM,
  DISCORD_TOKEN: DISCORD,
  REDIS_URL,
  MODEL_HUB_TOKEN: HUB_TOKEN,
  // Too short to be scrubbed: ordinary words must survive.
  SHORT_KEY: 'fast',
};

const SECRETS = { TELEGRAM, TELEGRAM_SECRET, DISCORD, DISCORD_SIGNATURE, INTERACTION, REDIS_PASSWORD, BEARER, HUB_TOKEN, DB_PASSWORD };

/** A logger exactly as the processes build it, writing into a string. */
function capturedLogger(env: NodeJS.ProcessEnv = ENV, format?: LogFormat) {
  let output = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const logger = createLogger('trace', 'redaction-test', { destination, env, format });
  return { logger, output: () => output, lines: () => output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Any 12 characters of a secret count as a leak: a reply that cuts a token short still gives most of it away. */
function leakedPiece(text: string, secret: string): string | undefined {
  const size = Math.min(12, secret.length);
  for (let start = 0; start + size <= secret.length; start++) {
    const piece = secret.slice(start, start + size);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

function expectNoSecrets(text: string) {
  for (const [name, secret] of Object.entries(SECRETS)) {
    const piece = leakedPiece(text, secret);
    expect(piece, `${name} leaked (${piece ?? ''}) in:\n${text}`).toBeUndefined();
  }
}

/** What telegraf surfaces when the Bot API call fails: the token sits in the URL, in the message and the stack. */
function telegrafError(): Error {
  const url = `https://api.telegram.org/bot${TELEGRAM}/getUpdates`;
  const error = new Error(`request to ${url} failed, reason: 409 Conflict (token ${TELEGRAM})`);
  error.stack = `${error.stack}\n    at Telegram.callApi (${url})\n    at async Polling.loop (file:///app/node_modules/telegraf/lib/core/network/polling.js:34:24)`;
  return error;
}

describe('log redaction', () => {
  it('keeps every secret out of a log stream fed with errors, payloads, URLs and headers', () => {
    const { logger, output, lines } = capturedLogger();

    // Errors: as first argument (pino takes the message from it), as `err` (BullMQ's failed-job log), with causes.
    logger.error(telegrafError());
    logger.warn({ err: telegrafError(), queue: 'fast', command: 'explain', attempts: 2 }, 'job failed');
    const cause = new Error(`Telegram answered 401 Unauthorized for https://api.telegram.org/bot${TELEGRAM}/sendMessage`);
    const middle = new Error(`redis refused ${REDIS_URL}`, { cause });
    logger.error({ err: new Error('could not deliver the reply', { cause: middle }) });
    // The tutor's own failure log: the command as the user typed it.
    logger.error({ err: new Error('handler crashed'), command: `/explain ${TELEGRAM}` }, 'command failed');

    // A job payload: the Discord interaction token at depth 3, in an array, in a webhook URL, under a key.
    logger.info(
      {
        job: {
          data: {
            route: INTERACTION,
            followUps: ['first', INTERACTION, { again: [INTERACTION] }],
            webhook: `https://discord.com/api/v10/webhooks/1098765432109876543/${INTERACTION}/messages/@original`,
            callback: `https://discord.com/api/v10/interactions/1098765432109876543/${INTERACTION}/callback`,
          },
          interactionToken: INTERACTION,
        },
      },
      'job added',
    );

    // Redis: the configured URL, an error message quoting it, a child logger bound to it.
    logger.info({ redis: { url: REDIS_URL } }, `connecting to ${REDIS_URL}`);
    logger.child({ connection: REDIS_URL }).warn('reconnecting');
    logger.warn(`postgres://admin:${DB_PASSWORD}@db.example.org:5432/tutor unreachable`);

    // Authorization headers, as an object and as text.
    logger.warn({ request: { method: 'POST', headers: { Authorization: `Bot ${DISCORD}`, 'Content-Type': 'application/json' } } }, 'discord 429');
    logger.debug(`retrying with Authorization: Bearer ${BEARER}`);
    logger.debug(`raw header "authorization": "Bearer ${BEARER}"`);

    // A configured token inside a longer word, in the message, through format arguments and in a URL object.
    logger.info(`cache prefix${HUB_TOKEN}suffix and the bot token${DISCORD}end`);
    logger.info('format %s and %j', `x${HUB_TOKEN}y`, { nested: { value: `x${HUB_TOKEN}y` } });
    logger.info({ endpoint: new URL(`https://api.telegram.org/bot${TELEGRAM}/getMe`) }, 'probing');
    // A token only whole once pino has formatted the line: the net on the finished line catches it.
    logger.info('GET /bot%s%s/getMe', TELEGRAM.slice(0, 15), TELEGRAM.slice(15));

    // A value shorter than 8 characters is not scrubbed: "fast" (SHORT_KEY) must survive.
    logger.info({ lane: 'fast' }, 'the fast lane is fast');

    const raw = output();
    expectNoSecrets(raw);

    // Every line is still valid JSON, and what is not secret survives.
    const logged = lines();
    expect(logged).toHaveLength(16);
    for (const text of ['api.telegram.org', 'getUpdates', '409 Conflict', 'Telegram.callApi', 'polling.js:34:24', 'could not deliver the reply', 'Telegram answered 401 Unauthorized', 'redis refused', 'redis://tutor:[redacted]@redis.internal:6379/0', 'db.example.org:5432', 'discord.com/api/v10/webhooks/1098765432109876543/[redacted]/messages/@original', '/interactions/1098765432109876543/[redacted]/callback', 'Authorization: Bearer [redacted]', 'cache prefix[redacted]suffix', 'the bot token[redacted]end', 'the fast lane is fast', 'application/json', 'handler crashed']) {
      expect(raw, text).toContain(text);
    }

    // Errors keep their shape: type, message (with causes) and a stack with frames.
    const [first, failed, chained] = logged;
    expect(first?.msg).toBe('request to https://api.telegram.org/bot[redacted]/getUpdates failed, reason: 409 Conflict (token [redacted])');
    expect(failed).toMatchObject({ msg: 'job failed', queue: 'fast', attempts: 2, err: { type: 'Error' } });
    expect((failed?.err as { stack: string }).stack).toMatch(/\n\s+at /);
    expect(chained?.msg).toBe('could not deliver the reply');
    expect((chained?.err as { message: string }).message).toContain('could not deliver the reply: redis refused redis://tutor:[redacted]@redis.internal');
    expect((chained?.err as { stack: string }).stack).toContain('caused by:');
    expect(logged[5]).toMatchObject({ msg: 'connecting to redis://tutor:[redacted]@redis.internal:6379/0', redis: { url: 'redis://tutor:[redacted]@redis.internal:6379/0' } });
    expect(logged[6]).toMatchObject({ connection: 'redis://tutor:[redacted]@redis.internal:6379/0' });
    expect(logged[8]).toMatchObject({ request: { headers: { Authorization: REDACTED, 'Content-Type': 'application/json' } } });
    expect(logged[12]?.msg).toBe('format x[redacted]y and {"nested":{"value":"x[redacted]y"}}');
    expect(logged[13]?.endpoint).toBe('https://api.telegram.org/bot[redacted]/getMe');
    expect(logged[14]?.msg).toBe('GET /bot[redacted]/getMe');
    expect(logged[4]).toMatchObject({ job: { data: { route: REDACTED, followUps: ['first', REDACTED, { again: [REDACTED] }] }, interactionToken: REDACTED } });
  });

  it('catches the token patterns even when this process has none of them configured', () => {
    const { logger, output } = capturedLogger({});
    logger.error(telegrafError());
    logger.warn({ headers: { authorization: `Bot ${DISCORD}` }, data: [[[INTERACTION]]] }, `Bot ${DISCORD} and ${REDIS_URL}`);
    logger.info(`GET /webhooks/1098765432109876543/${INTERACTION}`);
    const raw = output();
    // HUB_TOKEN has no recognisable shape: only configuration can catch it, and it is not logged here.
    expectNoSecrets(raw);
    expect(raw).toContain('redis.internal');
  });

  it('drops the arguments of a failed Redis AUTH, even a password too short to be scrubbed by value', () => {
    const { logger, output } = capturedLogger({ REDIS_URL: 'redis://tutor:pw42@redis.internal:6379' });
    const error = Object.assign(new Error('WRONGPASS invalid username-password pair'), { command: { name: 'auth', args: ['tutor', 'pw42'] } });
    logger.warn({ err: error }, 'redis connection error');
    expect(output()).not.toContain('pw42');
    expect(output()).toContain('WRONGPASS');
  });

  it('writes pretty lines for a person at a terminal, scrubbed like the JSON ones, and JSON for collectors', () => {
    const { logger, output } = capturedLogger(ENV, 'pretty');
    logger.error({ err: telegrafError(), connection: REDIS_URL }, `Bot ${DISCORD} failed`);
    logger.info({ queue: 'fast' }, 'worker ready');
    const raw = output();
    expectNoSecrets(raw);
    expect(raw).toMatch(/INFO.*\(redaction-test\): worker ready/);
    expect(raw).toContain('queue: "fast"');
    expect(() => JSON.parse(raw.split('\n')[0] ?? '')).toThrow();
    expect(defaultLogFormat(true)).toBe('pretty');
    expect(defaultLogFormat(false)).toBe('json');
  });

  it('keeps the existing redact paths', () => {
    const { logger, lines } = capturedLogger({});
    logger.info({ token: 'short', password: 'pw', DISCORD_TOKEN: 'x', user: { token: 't' } }, 'paths');
    expect(lines()[0]).toMatchObject({ token: REDACTED, password: REDACTED, DISCORD_TOKEN: REDACTED, user: { token: REDACTED } });
  });
});

describe('scrubSecrets', () => {
  const patterns = createScrubber();

  it('leaves ordinary text, stack frames, times and URLs without passwords alone', () => {
    for (const text of [
      'the bot answered quickly; Bot commands are listed in /help',
      'Tokens and tokenizers · `tokens`',
      '    at Tutor.failure (file:///work/main/src/core/tutor.ts:123:12)',
      'started at 20:16:47, job 1234567 took 12ms',
      'https://example.org:8080/path?q=a@b and mailto:someone@example.org',
      'redis://redis.internal:6379/0',
      'an_extraordinarily_long_identifier.test.another_long_identifier',
    ]) {
      expect(patterns.scrub(text)).toBe(text);
    }
  });

  it('replaces each recognised credential and keeps what surrounds it', () => {
    expect(patterns.scrub(`https://api.telegram.org/bot${TELEGRAM}/getMe`)).toBe('https://api.telegram.org/bot[redacted]/getMe');
    expect(patterns.scrub(`token=${DISCORD};`)).toBe('token=[redacted];');
    expect(patterns.scrub(`rediss://:${REDIS_PASSWORD}@cache:6380`)).toBe('rediss://:[redacted]@cache:6380');
    expect(patterns.scrub(`Authorization: Bot ${DISCORD}`)).toBe('Authorization: Bot [redacted]');
    expect(patterns.scrub(`{"interaction":"${INTERACTION}"}`)).toBe('{"interaction":"[redacted]"}');
  });

  it('reads configured secrets from the environment, skipping short values', () => {
    expect(secretValues(ENV)).toEqual(expect.arrayContaining([TELEGRAM, DISCORD, REDIS_PASSWORD, HUB_TOKEN]));
    expect(secretValues(ENV)).not.toContain('fast');
    expect(secretValues({ DATABASE_URL: 'postgres://u:p%40ss-w0rd!@db/x' })).toEqual(expect.arrayContaining(['p%40ss-w0rd!', 'p@ss-w0rd!']));
  });

  it('stays linear on long inputs (a base64 image, a digit run, many dotted or URL-like pieces)', () => {
    const size = 200_000;
    for (const long of [
      'A'.repeat(size),
      '1'.repeat(size),
      `${'A'.repeat(30)}.`.repeat(size / 31),
      'redis://'.repeat(size / 8),
      'a:b'.repeat(size / 3),
      'Authorization '.repeat(size / 14),
      `${'Q'.repeat(size / 2)}.GhIjKl.${'Q'.repeat(size / 2)}`,
    ]) {
      const started = performance.now();
      patterns.scrub(long);
      patterns.mayContain(long);
      expect(performance.now() - started, long.slice(0, 40)).toBeLessThan(250);
    }
  });

  it('copies objects with secrets scrubbed and survives cycles', () => {
    const cyclic: Record<string, unknown> = { note: `x${TELEGRAM}` };
    cyclic.self = cyclic;
    expect(scrubDeep(cyclic, { scrubber: patterns })).toEqual({ note: 'x[redacted]', self: '[Circular]' });
  });
});

/**
 * What the tutor shows a user. It quotes what the user typed (the "no lesson matches “…”" reply, unknown commands),
 * so a token pasted into a chat must not come straight back: quoteUserText scrubs before it truncates.
 */
describe('replies never carry a token', () => {
  let runtime: Runtime;
  // What scrubSecrets reads from this process's environment (REDIS_URL stays out: it would switch runtimes to Redis).
  const configured = { TELEGRAM_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD, MODEL_HUB_TOKEN: HUB_TOKEN };
  const previous = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, configured);
    resetSecretScrubber();
    // What src/main does at start-up.
    useConfiguredSecrets(secretValues(process.env));
    runtime = await offlineRuntime({ TELEGRAM_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD, DISCORD_APP_ID: '123456789012345678' });
  });
  afterAll(async () => {
    await runtime.close();
    for (const name of Object.keys(configured)) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
    resetSecretScrubber();
    useConfiguredSecrets([]);
  });

  /** The reply as a user reads it: markdown escapes removed, so an escaped token is still found. */
  async function replyTo(line: string): Promise<string> {
    const reply = await runtime.tutor.handleText(line, asker());
    return reply.text.replace(/\\(.)/g, '$1');
  }

  it('the scrubber makes echoed user text safe (what quoteUserText should apply)', () => {
    expect(scrubSecrets(`/nosuch${TELEGRAM}`)).toBe('/nosuch[redacted]');
    expect(scrubSecrets(`prefix${HUB_TOKEN}suffix`)).toBe('prefix[redacted]suffix');
  });

  it.each([`/help ${TELEGRAM}`, `/nosuch ${TELEGRAM}`, `/quiz ${DISCORD}`])('does not echo a token: %s', async (line) => {
    expectNoSecrets(await replyTo(line));
  });

  it.each([`/explain ${TELEGRAM}`, `/nosuch${TELEGRAM}`, TELEGRAM, `/explain ${DISCORD}`, `/explain ${INTERACTION}`, `/explain x${HUB_TOKEN}y`])(
    'does not echo a token pasted into a question: %s',
    async (line) => {
      expectNoSecrets(await replyTo(line));
    },
  );
});
