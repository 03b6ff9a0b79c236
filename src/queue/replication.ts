/**
 * Redis acknowledges a write before any replica has it; a master killed right then takes the write with it, and the
 * replica promoted in its place never saw it. For a write whose acknowledgement a person sees and relies on (a class
 * quiz answer's "recorded"), WAIT blocks until replicas hold every write this connection made so far.
 *
 * WAIT for more replicas than are connected would block for the whole timeout on every call (a master whose replica
 * is down, a new master right after a failover), so it waits for the replicas that are connected, up to the
 * configured number, read from INFO at most every REPLICA_COUNT_TTL_MS. With none connected there is nothing to wait
 * for: the write is as safe as the topology allows (`min-replicas-to-write` on the server refuses it instead).
 */
import type { Cluster } from 'ioredis';
import { isCluster, type RedisClient } from './redis-connection.js';

export interface ReplicaWait {
  /** Replicas that must hold the write; 0 turns waiting off. */
  replicas: number;
  /** At most this long per wait; the write stands either way (it is on the master). */
  timeoutMs: number;
}

export const NO_REPLICA_WAIT: ReplicaWait = { replicas: 0, timeoutMs: 0 };
const REPLICA_COUNT_TTL_MS = 1_000;

/** How a wait went: replicas that acknowledged, of those asked for (0 asked: none connected, or waiting is off). */
export interface WaitOutcome {
  asked: number;
  acknowledged: number;
}

export class ReplicationWait {
  private connected = { count: 0, readAt: -Infinity };
  /**
   * Counts the connection's breaks. A write followed by a break is not proven by any later WAIT: ioredis re-sends an
   * unanswered WAIT on the new connection, to a new master that may never have had the write.
   */
  private breaks = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly wait: ReplicaWait,
    private readonly now: () => number = Date.now,
  ) {
    const broke = () => {
      this.breaks += 1;
      this.forgetReplicas();
    };
    if (wait.replicas === 0) return;
    if (isCluster(redis)) redis.on('node error', broke).on('-node', broke);
    else redis.on('close', broke);
  }

  /** Read before a write; `afterWrite` with it throws if the connection broke since. */
  get epoch(): number {
    return this.breaks;
  }

  /**
   * Waits until the replicas hold this connection's writes so far. `key`: one the writes touched, which routes the
   * WAIT to that key's master on a Cluster. Throws when the connection broke since `epoch` (read before the write):
   * the write may then be lost.
   */
  async afterWrite(key: string, epoch = this.breaks): Promise<WaitOutcome> {
    let outcome: WaitOutcome;
    try {
      outcome = await this.waitFor(key);
    } catch (error) {
      this.forgetReplicas();
      throw error;
    }
    if (this.breaks !== epoch) throw new Error('the Redis connection broke after the write: it may be lost');
    return outcome;
  }

  private async waitFor(key: string): Promise<WaitOutcome> {
    if (this.wait.replicas === 0) return { asked: 0, acknowledged: 0 };
    const asked = Math.min(this.wait.replicas, await this.connectedReplicas());
    if (asked === 0) return { asked, acknowledged: 0 };
    if (isCluster(this.redis)) {
      // A pipeline goes to the node of its keys; the keyless WAIT rides with the EXISTS to the key's master.
      const results = await this.redis.pipeline().exists(key).wait(asked, this.wait.timeoutMs).exec();
      const [error, acknowledged] = results?.[1] ?? [new Error('WAIT got no reply'), 0];
      if (error) throw error;
      return { asked, acknowledged: Number(acknowledged) };
    }
    return { asked, acknowledged: Number(await this.redis.wait(asked, this.wait.timeoutMs)) };
  }

  /** The connection broke (a failover): the next wait reads the replicas of whichever master answers now. */
  private forgetReplicas(): void {
    this.connected = { count: 0, readAt: -Infinity };
  }

  private async connectedReplicas(): Promise<number> {
    if (this.now() - this.connected.readAt < REPLICA_COUNT_TTL_MS) return this.connected.count;
    const count = isCluster(this.redis) ? fewestReplicasPerMaster(this.redis) : replicasIn(await this.redis.info('replication'));
    this.connected = { count, readAt: this.now() };
    return count;
  }
}

/** `connected_slaves:<n>` of INFO replication (Redis keeps that field name). */
export function replicasIn(info: string): number {
  return Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
}

/** On a Cluster: replicas the client knows of per master, the smallest count (so no master's WAIT blocks in vain). */
function fewestReplicasPerMaster(cluster: Cluster): number {
  const masters = cluster.nodes('master').length;
  if (masters === 0) return 0;
  return Math.floor(cluster.nodes('slave').length / masters);
}
