/**
 * `/healthz`: each part of the process reports whether it works (Redis answers PING, each chat adapter receives
 * commands, each BullMQ worker runs); the process is healthy when every part is.
 */
import type { ComponentHealth } from '../core/ports.js';
import type { RedisClient } from '../queue/redis-connection.js';
import { withTimeout } from './timeout.js';

/** A PING on the process's own connection must answer within this, or Redis counts as unreachable. */
export const OPS_PING_TIMEOUT_MS = 1_000;

/** One part's health, asked at every request. */
export type HealthProbe = () => ComponentHealth | Promise<ComponentHealth>;
/** Several parts at once (`worker:fast`, `worker:model`), asked at every request. */
export type HealthParts = () => Record<string, ComponentHealth> | Promise<Record<string, ComponentHealth>>;

export interface HealthReport {
  ok: boolean;
  parts: Record<string, ComponentHealth>;
}

/**
 * Asks every probe at once; a probe that throws counts as not ok under its name (its error is not shown: no stack,
 * no secret). Healthy when there is something to ask and every part is ok.
 */
export async function healthReport(probes: Record<string, HealthProbe | { parts: HealthParts }>): Promise<HealthReport> {
  const groups = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<Record<string, ComponentHealth>> => {
      try {
        return typeof probe === 'function' ? { [name]: await probe() } : await probe.parts();
      } catch {
        return { [name]: { ok: false, state: 'check failed' } };
      }
    }),
  );
  const parts: Record<string, ComponentHealth> = Object.assign({}, ...groups);
  const all = Object.values(parts);
  return { ok: all.length > 0 && all.every((part) => part.ok), parts };
}

/**
 * Redis as this process reaches it: its connection ready and a PING answered within `timeoutMs`. While the
 * connection is down ioredis would queue the PING until it is back, so the connection's status is read first.
 */
export function redisProbe(redis: RedisClient, timeoutMs = OPS_PING_TIMEOUT_MS): HealthProbe {
  return async () => {
    if (redis.status !== 'ready') return { ok: false, state: `connection ${redis.status}` };
    try {
      await withTimeout(redis.ping(), timeoutMs);
      return { ok: true, state: 'PING answered' };
    } catch {
      return { ok: false, state: `no PING answer within ${timeoutMs} ms` };
    }
  };
}
