/**
 * Where Redis is: one server (REDIS_URL), a master group found through Sentinel (REDIS_SENTINELS +
 * REDIS_SENTINEL_NAME), or a Cluster (REDIS_CLUSTER_NODES). config.ts validates the variables; this turns them into
 * the one value the connection code takes, so nothing else reads REDIS_* variables.
 */

export interface HostPort {
  host: string;
  port: number;
}

/** Credentials and TLS for the data nodes of a Sentinel group or a Cluster (a URL carries its own). */
export interface RedisAuth {
  username?: string | undefined;
  password?: string | undefined;
  tls: boolean;
}

export type RedisTopology =
  | { kind: 'standalone'; url: string }
  | ({ kind: 'sentinel'; sentinels: HostPort[]; name: string; sentinelPassword?: string | undefined } & RedisAuth)
  | ({ kind: 'cluster'; nodes: HostPort[] } & RedisAuth);

/** A list of `host:port` (IPv6 as `[::1]:26379`): what REDIS_SENTINELS and REDIS_CLUSTER_NODES hold. */
export const MAX_REDIS_SEED_NODES = 32;

/** The entries of a `host:port,…` list, or the first entry that is not one (for the error message). */
export function parseHostPorts(list: string): { nodes: HostPort[] } | { bad: string } {
  const nodes: HostPort[] = [];
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253}):(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65_535) return { bad: entry };
    nodes.push({ host: match[1]!.replace(/^\[|\]$/g, ''), port });
  }
  return { nodes };
}

export interface RedisVariables {
  REDIS_URL?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_SENTINEL_NAME?: string | undefined;
  REDIS_SENTINEL_PASSWORD?: string | undefined;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_USERNAME?: string | undefined;
  REDIS_PASSWORD?: string | undefined;
  REDIS_TLS?: boolean | undefined;
}

/** The configured topology, or undefined when no Redis is configured (the offline, in-process tutor). */
export function redisTopology(config: RedisVariables): RedisTopology | undefined {
  const auth: RedisAuth = { username: config.REDIS_USERNAME, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS === true };
  if (config.REDIS_SENTINELS && config.REDIS_SENTINEL_NAME) {
    const parsed = parseHostPorts(config.REDIS_SENTINELS);
    if ('nodes' in parsed) return { kind: 'sentinel', sentinels: parsed.nodes, name: config.REDIS_SENTINEL_NAME, sentinelPassword: config.REDIS_SENTINEL_PASSWORD, ...auth };
  }
  if (config.REDIS_CLUSTER_NODES) {
    const parsed = parseHostPorts(config.REDIS_CLUSTER_NODES);
    if ('nodes' in parsed) return { kind: 'cluster', nodes: parsed.nodes, ...auth };
  }
  return config.REDIS_URL ? { kind: 'standalone', url: config.REDIS_URL } : undefined;
}

/** Where a topology points, for messages and logs: hosts and ports, never a password. */
export function describeTopology(topology: RedisTopology): string {
  const list = (nodes: HostPort[]) => nodes.map((node) => `${node.host.includes(':') ? `[${node.host}]` : node.host}:${node.port}`).join(',');
  if (topology.kind === 'sentinel') return `Sentinel master "${topology.name}" via ${list(topology.sentinels)}`;
  if (topology.kind === 'cluster') return `Cluster ${list(topology.nodes)}`;
  try {
    const url = new URL(topology.url);
    return `${url.hostname}:${url.port || 6379}`;
  } catch {
    return 'REDIS_URL';
  }
}
