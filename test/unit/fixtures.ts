import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { Asker } from '../../src/core/tutor.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';

/** The offline tutor exactly as `npm start` builds it without REDIS_URL (in-process queue, memory state). */
export function offlineRuntime(env: NodeJS.ProcessEnv = {}): Promise<Runtime> {
  return createRuntime(loadConfig(env), pino({ level: 'silent' }), { outbox: 'outbox-test' });
}

export function asker(overrides: { locale?: string; userId?: string; platform?: Asker['platform']; kind?: 'private' | 'group' } = {}): Asker {
  return {
    user: { id: overrides.userId ?? 'u1', locale: overrides.locale },
    chat: { id: 'c1', kind: overrides.kind ?? 'private' },
    platform: overrides.platform ?? 'telegram',
  };
}

/** What must never reach a user: stack frames, error class names, internals. */
export const STACK_TRACE = /\bat .+:\d+:\d+|Error:|node_modules|\.ts:\d+/;
