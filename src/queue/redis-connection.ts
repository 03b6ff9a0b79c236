import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { describeTopology, type RedisTopology } from '../config/redis-topology.js';

/** A connection to Redis whatever its topology: BullMQ and the stores take either. */
export type RedisClient = Redis | Cluster;

/** What the connection code takes: a redis:// URL (one server) or a configured topology. */
export type RedisTarget = string | RedisTopology;

/**
 * Connections for BullMQ roles. Workers and event listeners block and must wait out outages
 * (maxRetriesPerRequest: null, as BullMQ requires). Producers and state (language, progress, buttons, rate limits)
 * ride out a short outage such as a Redis restart or a Sentinel failover — commands wait in ioredis's offline queue
 * through RIDE_OUT_RETRIES reconnection attempts (~7 s with ioredis's default back-off) — then fail, so a reply is
 * never hung for long: a chat user would otherwise get "internal error" or the wrong language during a restart.
 */
const RIDE_OUT_RETRIES = 16;

export function workerConnection(target: RedisTarget): RedisClient {
  return connect(target, { maxRetriesPerRequest: null });
}

export function producerConnection(target: RedisTarget): RedisClient {
  // Auto-pipelining: commands issued in the same tick share one write and one Redis read. An /explain job registers
  // ~6 buttons at once (a SET each) and the edge submits from many chats at once; one write per command cost the
  // worker ~0.1 ms and Redis ~0.1 ms CPU per job (bench:queue). Not for workerConnection: it blocks (BZPOPMIN).
  return connect(target, { maxRetriesPerRequest: RIDE_OUT_RETRIES, enableAutoPipelining: true });
}

/** Whether keys must carry hash tags: on a Cluster every key one command or script touches must share a slot. */
export function isCluster(redis: RedisClient): redis is Cluster {
  return (redis as { isCluster?: boolean }).isCluster === true;
}

/**
 * A write the master took but had not yet sent to a replica (one being promoted after a failover) is lost; an old
 * master that comes back as a replica answers writes with READONLY. Reconnecting (and re-sending the command, `2`)
 * reaches the new master; Sentinel's +switch-master (failoverDetector) makes clients move before a command fails.
 */
function reconnectOnReadOnly(error: Error): 2 | false {
  return /^READONLY/.test(error.message) ? 2 : false;
}

type RoleOptions = Pick<RedisOptions, 'maxRetriesPerRequest' | 'enableAutoPipelining'>;

/** What each connection points at, for messages (a Cluster's seed nodes are not readable back from it). */
const described = new WeakMap<RedisClient, string>();

function connect(target: RedisTarget, role: RoleOptions): RedisClient {
  const topology: RedisTopology = typeof target === 'string' ? { kind: 'standalone', url: target } : target;
  const client = open(topology, role);
  if (topology.kind !== 'standalone') described.set(client, describeTopology(topology));
  return client;
}

function open(topology: RedisTopology, role: RoleOptions): RedisClient {
  const common = { ...role, enableOfflineQueue: true, lazyConnect: false, reconnectOnError: reconnectOnReadOnly };
  if (topology.kind === 'standalone') return new Redis(topology.url, common);
  const auth = {
    ...(topology.username ? { username: topology.username } : {}),
    ...(topology.password ? { password: topology.password } : {}),
    ...(topology.tls ? { tls: {} } : {}),
  };
  if (topology.kind === 'sentinel') {
    return new Redis({
      ...common,
      ...auth,
      sentinels: topology.sentinels,
      name: topology.name,
      role: 'master',
      failoverDetector: true,
      ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
      ...(topology.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
    });
  }
  const { enableAutoPipelining, ...perNode } = role;
  const options: ClusterOptions = {
    enableOfflineQueue: true,
    lazyConnect: false,
    ...(enableAutoPipelining ? { enableAutoPipelining } : {}),
    redisOptions: { ...perNode, ...auth, reconnectOnError: reconnectOnReadOnly },
  };
  return new Cluster(topology.nodes, options);
}

/** Host and port (or the topology) of a connection, for messages: never its password. */
function whereOf(redis: RedisClient): string {
  const topology = described.get(redis);
  if (topology || isCluster(redis)) return topology ?? 'Cluster';
  return redis.options.path ?? `${redis.options.host ?? 'localhost'}:${redis.options.port ?? 6379}`;
}

/** Redis cannot be used, for a reason the message names with its fix; never a password in it. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** How long start-up waits for Redis by default: a server still starting (compose) gets this long. */
export const REDIS_READY_TIMEOUT_MS = 5_000;

/**
 * Resolves once the connection is ready, so a wrong REDIS_URL is reported at start-up, not at the first command.
 * A refused password and a database the server does not have fail at once (ioredis would retry the first forever
 * and silently stay on database 0 for the second); a server that does not answer fails after `timeoutMs`, naming
 * the last connection error. On failure the connection is closed, so no retry loop is left behind.
 */
export async function ready(redis: RedisClient, timeoutMs = REDIS_READY_TIMEOUT_MS): Promise<void> {
  if (redis.status === 'ready') return;
  const where = whereOf(redis);
  await new Promise<void>((resolve, reject) => {
    let lastError: Error | undefined;
    const fail = (message: string) => {
      cleanup();
      redis.disconnect();
      reject(new RedisUnavailableError(message));
    };
    const timer = setTimeout(() => {
      const cause = lastError ? ` (${lastError.message})` : '';
      fail(`Redis at ${where} did not answer within ${timeoutMs} ms${cause}: start redis-server or fix REDIS_URL (or REDIS_SENTINELS, REDIS_CLUSTER_NODES)`);
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      lastError = error;
      const message = error.message ?? '';
      if (/^WRONGPASS|invalid password/i.test(message)) {
        fail(`Redis at ${where} refused the password (WRONGPASS): put the right one in REDIS_URL (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port)`);
      } else if (/^NOAUTH/.test(message)) {
        fail(`Redis at ${where} refused the connection without a password (NOAUTH): add it to REDIS_URL (redis://:PASSWORD@host:port)`);
      } else if (/DB index is out of range|invalid DB index/i.test(message)) {
        fail(`Redis at ${where} has no database ${isCluster(redis) ? 0 : (redis.options.db ?? 0)} (${message}): use one the server has in REDIS_URL (0–15 by default, see its "databases" setting)`);
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/**
 * Logs a connection's errors once per outage, as one line without a stack trace (ioredis emits one per reconnection
 * attempt), and says when it is back. Before the first ready nothing is logged: ready() reports why it did not start.
 */
export function logConnectionErrors(redis: RedisClient, logger: { warn(fields: object, message: string): void; info(fields: object, message: string): void }): void {
  let started = false;
  let down = false;
  redis.on('ready', () => {
    if (down) logger.info({}, 'redis connection back');
    started = true;
    down = false;
  });
  redis.on('error', (error: Error) => {
    if (!started || down) return;
    down = true;
    logger.warn({ reason: error.message }, 'redis connection lost; retrying');
  });
}
