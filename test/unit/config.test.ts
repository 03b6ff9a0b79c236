import { describe, expect, it } from 'vitest';
import { configProblems } from '../support/config-problems.js';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, configuredPlatforms, loadConfig } from '../../src/config/config.js';

const problemsOf = configProblems;

describe('configuration', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DEFAULT_LANG: 'en', QUEUE_PREFIX: 'gpt-tutor', WORKER_FAST_CONCURRENCY: 8, WORKER_MODEL_CONCURRENCY: 8 });
    expect(config.REDIS_URL).toBeUndefined();
    expect(configuredPlatforms(config)).toEqual([]);
  });

  it('names the variable that is wrong, never its value', () => {
    const problems = problemsOf({ DEFAULT_LANG: 'fr', REDIS_URL: 'http://secret-host:6379', WORKER_FAST_CONCURRENCY: '0' });
    expect(problems.join('\n')).toMatch(/DEFAULT_LANG/);
    expect(problems.join('\n')).toMatch(/REDIS_URL/);
    expect(problems.join('\n')).toMatch(/WORKER_FAST_CONCURRENCY/);
    expect(problems.join('\n')).not.toContain('secret-host');
  });

  it('checks tokens only for presence, and treats empty variables as unset', () => {
    expect(configuredPlatforms(loadConfig({ TELEGRAM_TOKEN: 'anything-the-platform-judges' }))).toEqual(['telegram']);
    expect(configuredPlatforms(loadConfig({ TELEGRAM_TOKEN: '', DISCORD_TOKEN: '' }))).toEqual([]);
    expect(problemsOf({ DISCORD_TOKEN: '   ' }).join()).toMatch(/DISCORD_TOKEN/);
  });

  it('needs what a chat platform cannot run without, and says why', () => {
    expect(problemsOf({ DISCORD_TOKEN: 'x' }).join()).toMatch(/DISCORD_APP_ID/);
    expect(problemsOf({ TELEGRAM_TOKEN: 'x', TELEGRAM_WEBHOOK_URL: 'https://tutor.example.org/hook' }).join()).toMatch(/TELEGRAM_WEBHOOK_SECRET/);
    expect(problemsOf({ TELEGRAM_WEBHOOK_URL: 'http://tutor.example.org/hook', TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(20) }).join()).toMatch(/TELEGRAM_WEBHOOK_URL: must be an https/);
    expect(problemsOf({ TELEGRAM_WEBHOOK_URL: 'https://x.org/h', TELEGRAM_WEBHOOK_SECRET: 'short' }).join()).toMatch(/TELEGRAM_WEBHOOK_SECRET/);
    expect(problemsOf({ DISCORD_REST_API: 'ftp://proxy' }).join()).toMatch(/DISCORD_REST_API/);
    const webhook = loadConfig({ TELEGRAM_TOKEN: 'x', TELEGRAM_WEBHOOK_URL: 'https://x.org/h', TELEGRAM_WEBHOOK_SECRET: 's'.repeat(32) });
    expect(webhook.TELEGRAM_WEBHOOK_PORT).toBe(8443);
  });

  it('takes a REDIS_URL database only as a number, never its value in the message', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://:pw@127.0.0.1:6379/15', 'rediss://cache.example.org:6380/0']) {
      expect(problemsOf({ REDIS_URL: url }), url).toEqual([]);
    }
    for (const url of ['redis://:secret-pw@127.0.0.1:6379/cache', 'redis://127.0.0.1:6379/1/2', 'redis://127.0.0.1:6379/-1']) {
      const problems = problemsOf({ REDIS_URL: url }).join('\n');
      expect(problems, url).toMatch(/REDIS_URL: the database after the host must be a number/);
      expect(problems).not.toContain('secret-pw');
    }
  });

  it('.env.example documents every variable, and only those', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
