/**
 * What a bot or worker process serves on OPS_PORT: it collects the health probes of the parts it starts and the
 * metrics they count, then listens. Without OPS_PORT nothing listens and nothing is counted (NO_METRICS).
 */
import type { Config } from '../config/config.js';
import { NO_METRICS, type TutorMetrics } from '../core/metrics.js';
import type { Logger } from '../core/ports.js';
import { QueueDepths } from '../queue/depths.js';
import type { RedisClient } from '../queue/redis-connection.js';
import { healthReport, redisProbe, type HealthParts, type HealthProbe } from './health.js';
import { PromMetrics } from './metrics.js';
import { startOpsServer, type OpsServer } from './server.js';

export interface OpsAddress {
  host: string;
  port: number;
}

export class ProcessOps {
  private readonly prom: PromMetrics | undefined;
  private readonly probes: Record<string, HealthProbe | { parts: HealthParts }> = {};
  private depths: QueueDepths | undefined;
  private server: OpsServer | undefined;

  /** OPS_PORT and OPS_HOST; OPS_PORT unset: no server, no counting. */
  static fromConfig(config: Pick<Config, 'OPS_PORT' | 'OPS_HOST'>): ProcessOps {
    return new ProcessOps(config.OPS_PORT === undefined ? undefined : { host: config.OPS_HOST, port: config.OPS_PORT });
  }

  /** `address` undefined: no server, no counting. */
  constructor(private readonly address: OpsAddress | undefined) {
    this.prom = address ? new PromMetrics({ depths: async () => (this.depths ? this.depths.read() : []) }) : undefined;
  }

  get metrics(): TutorMetrics {
    return this.prom ?? NO_METRICS;
  }

  /** The port it listens on, once listening. */
  get port(): number | undefined {
    return this.server?.port;
  }

  /** Redis reachable (PING on this connection) in /healthz, and the queues' depths read through it in /metrics. */
  watchRedis(redis: RedisClient, prefix: string): void {
    this.probes['redis'] = redisProbe(redis);
    if (this.prom) this.depths ??= new QueueDepths(redis, prefix);
  }

  /** One more part for /healthz (`telegram`), asked at every request. */
  watch(name: string, probe: HealthProbe): void {
    this.probes[name] = probe;
  }

  /** Several parts for /healthz (`worker:fast`, `worker:model`); `name` stands for them if the probe throws. */
  watchParts(name: string, parts: HealthParts): void {
    this.probes[name] = { parts };
  }

  async listen(logger: Logger): Promise<void> {
    if (!this.address || !this.prom || this.server) return;
    const prom = this.prom;
    this.server = await startOpsServer({ ...this.address, logger, endpoints: { health: () => healthReport(this.probes), metrics: () => prom.exposition() } });
  }

  /** Last of all at a stop: /healthz says what the drain did until the end. */
  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
    await this.depths?.close().catch(() => undefined);
    this.depths = undefined;
  }
}
