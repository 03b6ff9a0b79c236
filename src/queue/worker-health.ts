import type { Worker } from 'bullmq';
import type { ComponentHealth } from '../core/ports.js';

/** A BullMQ worker as `/healthz` reports it: taking jobs, or why not (closing on SIGTERM, paused, its loop ended). */
export function workerHealth(worker: Worker): ComponentHealth {
  if (worker.closing) return { ok: false, state: 'closing' };
  if (worker.isPaused()) return { ok: false, state: 'paused' };
  return worker.isRunning() ? { ok: true, state: 'running' } : { ok: false, state: 'not running' };
}
