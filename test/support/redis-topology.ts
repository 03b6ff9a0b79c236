/**
 * Redis topologies of a test's own, on loopback, from Debian's redis-server (the same binary runs as a sentinel):
 *  - SentinelGroup: a master, a replica and three sentinels watching them, with a fast failover (down after 1 s);
 *  - RedisCluster: three masters sharing the 16,384 slots, no replicas.
 * Never the global test Redis, never the application's. Everything is killed and its directory removed in destroy().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createConnection, createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RedisTopology } from '../../src/config/redis-topology.js';
import { findOnPath, freePort, LOOPBACK, stopChild, waitForPong } from '../../tools/redis-process.js';
import { waitUntil } from './fault-process.js';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
/** How long a master may be silent before the sentinels call it down: short, so a failover takes seconds. */
export const SENTINEL_DOWN_AFTER_MS = 1_000;
const SENTINEL_FAILOVER_TIMEOUT_MS = 10_000;
export const SENTINEL_MASTER_NAME = 'tutor-master';

/** Whether these topologies can be built here: redis-server and, for the Cluster, redis-cli. */
export function canStartTopologies(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 && findOnPath('redis-cli') !== undefined;
}

interface Server {
  port: number;
  child: ChildProcess;
  output: () => string;
}

async function startServer(dir: string, port: number, args: readonly string[], configFile?: string): Promise<Server> {
  const argv = [...(configFile ? [configFile] : []), '--port', String(port), '--bind', LOOPBACK, '--dir', dir, '--save', '', '--appendonly', 'no', ...args];
  const child = spawn('redis-server', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForPong(port, child, START_TIMEOUT_MS);
  } catch (error) {
    await stopChild(child, STOP_TIMEOUT_MS);
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { port, child, output: () => output };
}

function kill9(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null || server.child.pid === undefined) return Promise.resolve();
  const gone = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  process.kill(server.child.pid, 'SIGKILL');
  return gone;
}

/** A short-lived plain client to one node, for checks and set-up. */
async function withClient<T>(port: number, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: LOOPBACK, port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/**
 * The replication link, through a proxy the test can freeze: what the master writes then stays in the proxy, as on a
 * slow or congested link to the replica. Asynchronous replication allows exactly that; killing the master while the
 * link is frozen loses its last writes for certain, rather than in the rare case a test cannot arrange.
 */
class ReplicationLink {
  private readonly pairs = new Set<{ replica: Socket; master: Socket }>();
  private frozen = false;

  private constructor(
    private readonly server: NetServer,
    readonly port: number,
  ) {}

  static async open(masterPort: number): Promise<ReplicationLink> {
    const port = await freePort();
    const server = createServer();
    const link = new ReplicationLink(server, port);
    server.on('connection', (replica) => {
      const master = createConnection({ host: LOOPBACK, port: masterPort });
      const pair = { replica, master };
      link.pairs.add(pair);
      const drop = () => {
        link.pairs.delete(pair);
        replica.destroy();
        master.destroy();
      };
      replica.on('error', drop).on('close', drop);
      master.on('error', drop).on('close', drop);
      replica.pipe(master);
      master.on('data', (chunk: Buffer) => {
        if (!link.frozen) replica.write(chunk);
      });
    });
    await new Promise<void>((resolve) => server.listen(port, LOOPBACK, resolve));
    return link;
  }

  /** From now on nothing the master sends reaches the replica (it is dropped, as the master's death will drop it). */
  freeze(): void {
    this.frozen = true;
  }

  /** The master is gone: so is the link. */
  cut(): void {
    for (const pair of this.pairs) {
      pair.replica.destroy();
      pair.master.destroy();
    }
    this.pairs.clear();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export class SentinelGroup {
  private constructor(
    readonly dir: string,
    readonly master: Server,
    readonly replica: Server,
    readonly sentinels: Server[],
    private readonly link: ReplicationLink,
  ) {}

  static async start(): Promise<SentinelGroup> {
    const dir = await mkdtemp(join(tmpdir(), 'gpt-tutor-sentinel-'));
    const master = await startServer(dir, await freePort(), ['--dbfilename', 'master.rdb']);
    const link = await ReplicationLink.open(master.port);
    const replica = await startServer(dir, await freePort(), ['--dbfilename', 'replica.rdb', '--replicaof', LOOPBACK, String(link.port)]);
    const sentinels: Server[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // A sentinel rewrites its own config file (what it learned about replicas and peers): one each, writable.
      const file = join(dir, `sentinel-${port}.conf`);
      await writeFile(file, [
        `sentinel monitor ${SENTINEL_MASTER_NAME} ${LOOPBACK} ${master.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${SENTINEL_DOWN_AFTER_MS}`,
        `sentinel failover-timeout ${SENTINEL_MASTER_NAME} ${SENTINEL_FAILOVER_TIMEOUT_MS}`,
        `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
        '',
      ].join('\n'));
      sentinels.push(await startServer(dir, port, ['--sentinel'], file));
    }
    const group = new SentinelGroup(dir, master, replica, sentinels, link);
    await group.settled();
    return group;
  }

  get topology(): RedisTopology {
    return { kind: 'sentinel', sentinels: this.sentinels.map((sentinel) => ({ host: LOOPBACK, port: sentinel.port })), name: SENTINEL_MASTER_NAME, tls: false };
  }

  /** The REDIS_* variables a child process (a worker) needs for this group. */
  get env(): Record<string, string> {
    return { REDIS_SENTINELS: this.sentinels.map((sentinel) => `${LOOPBACK}:${sentinel.port}`).join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME };
  }

  /** Every sentinel knows the replica and the two other sentinels: only then can they agree on a failover. */
  private async settled(): Promise<void> {
    await waitUntil('the sentinels to find the replica and each other', async () => {
      for (const sentinel of this.sentinels) {
        const known = await withClient(sentinel.port, async (redis) => ({
          replicas: ((await redis.call('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as unknown[]).length,
          peers: ((await redis.call('SENTINEL', 'SENTINELS', SENTINEL_MASTER_NAME)) as unknown[]).length,
        })).catch(() => ({ replicas: 0, peers: 0 }));
        if (known.replicas < 1 || known.peers < 2) return false;
      }
      return withClient(this.replica.port, async (redis) => /master_link_status:up/.test(await redis.info('replication')));
    }, { timeoutMs: 30_000, intervalMs: 200, explain: () => this.sentinels.map((sentinel) => sentinel.output().slice(-1_500)).join('\n---\n') });
  }

  /** The port the sentinels now give as the master's. */
  async masterPort(): Promise<number> {
    const [, port] = (await withClient(this.sentinels[0]!.port, (redis) => redis.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME))) as [string, string];
    return Number(port);
  }

  /** Replication stalls: the master still acknowledges writes, the replica no longer gets them. */
  freezeReplication(): void {
    this.link.freeze();
  }

  /** kill -9 of the master: writes it had not sent to the replica yet are gone with it. */
  async killMaster(): Promise<void> {
    await kill9(this.master);
    this.link.cut();
  }

  /** Resolves once the sentinels have promoted the replica and it takes writes. */
  async promoted(timeoutMs = 30_000): Promise<void> {
    await waitUntil('the sentinels to promote the replica', async () => {
      if ((await this.masterPort().catch(() => 0)) !== this.replica.port) return false;
      return withClient(this.replica.port, async (redis) => /role:master/.test(await redis.info('replication'))).catch(() => false);
    }, { timeoutMs, intervalMs: 100, explain: () => this.sentinels.map((sentinel) => sentinel.output().slice(-1_500)).join('\n---\n') });
  }

  async destroy(): Promise<void> {
    await Promise.all([this.master, this.replica, ...this.sentinels].map((server) => stopChild(server.child, STOP_TIMEOUT_MS).catch(() => undefined)));
    await this.link.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export class RedisCluster {
  private constructor(
    readonly dir: string,
    readonly masters: Server[],
  ) {}

  static async start(size = 3): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'gpt-tutor-cluster-'));
    const masters: Server[] = [];
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      masters.push(await startServer(dir, port, ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000', '--dbfilename', `dump-${port}.rdb`]));
    }
    const cluster = new RedisCluster(dir, masters);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...masters.map((master) => `${LOOPBACK}:${master.port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) {
      await cluster.destroy();
      throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
    }
    await waitUntil('the cluster to be ok on every node', async () => {
      for (const master of masters) {
        const info = await withClient(master.port, (redis) => redis.call('CLUSTER', 'INFO') as Promise<string>).catch(() => '');
        if (!/cluster_state:ok/.test(info)) return false;
      }
      return true;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    return cluster;
  }

  get topology(): RedisTopology {
    return { kind: 'cluster', nodes: this.masters.map((master) => ({ host: LOOPBACK, port: master.port })), tls: false };
  }

  get env(): Record<string, string> {
    return { REDIS_CLUSTER_NODES: this.masters.map((master) => `${LOOPBACK}:${master.port}`).join(',') };
  }

  /** Keys on each master (DBSIZE), to see that the queues are spread over more than one. */
  async keysPerMaster(): Promise<number[]> {
    return Promise.all(this.masters.map((master) => withClient(master.port, (redis) => redis.dbsize())));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.masters.map((server) => stopChild(server.child, STOP_TIMEOUT_MS).catch(() => undefined)));
    await rm(this.dir, { recursive: true, force: true });
  }
}
