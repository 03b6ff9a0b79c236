import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: Record<string, { command?: string[]; build?: string; image?: string; environment?: Record<string, string> }>;
};
const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('docker-compose.yml', () => {
  it('runs every service the project builds with an npm script that exists', () => {
    const built = Object.entries(compose.services).filter(([, service]) => service.build);
    expect(built.map(([name]) => name).sort()).toEqual(['bot', 'dashboard', 'worker']);
    for (const [name, service] of built) {
      const command = service.command ?? [];
      expect(command[0], name).toBe('npm');
      const script = command[1] === 'start' ? 'start' : command[1] === 'run' ? command[2] : undefined;
      expect(script && scripts[script], `${name}: ${command.join(' ')}`).toBeTruthy();
    }
  });

  it('keeps Redis durable: AOF on, no eviction, a health check', () => {
    const redis = compose.services['redis'] as { command: string[]; healthcheck?: unknown };
    expect(redis.command.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.command.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    // Bounded: at the bound writes fail and users hear "busy" (test/integration/redis-full.test.ts).
    expect(redis.command.join(' ')).toMatch(/--maxmemory \S+/);
    expect(redis.healthcheck).toBeDefined();
  });

  it('checks the bot and the workers through /healthz on OPS_PORT, and gives their SIGTERM drain time', () => {
    // Merge keys resolved, as docker compose resolves them (the health check and the environment are shared).
    const merged = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string>; healthcheck?: { test?: string[] }; stop_grace_period?: string }>;
    };
    const defaults = loadConfig({});
    for (const name of ['bot', 'worker']) {
      const service = merged.services[name]!;
      expect(service.environment?.['OPS_PORT'], name).toMatch(/^\$\{OPS_PORT:-\d+\}$/);
      expect(service.healthcheck?.test?.join(' '), name).toMatch(/process\.env\.OPS_PORT \+ '\/healthz'/);
      const graceSeconds = Number(/^(\d+)s$/.exec(service.stop_grace_period ?? '')?.[1]);
      expect(graceSeconds * 1000, name).toBeGreaterThan(name === 'bot' ? defaults.BOT_DRAIN_MS : defaults.WORKER_DRAIN_MS);
    }
  });

  it('takes no secret from the file itself', () => {
    for (const service of Object.values(compose.services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (/TOKEN|SECRET|PASSWORD/.test(name)) expect(String(value), name).toMatch(/^\$\{[A-Z_]+:-\}$/);
      }
    }
  });
});
