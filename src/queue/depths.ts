import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../core/command.js';
import { queuePrefix } from './keys.js';
import type { RedisClient } from './redis-connection.js';

/** The job states `/metrics` reports per queue. */
export const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type DepthState = (typeof DEPTH_STATES)[number];

/** The chat adapters' outboxes (terminal sessions have one each and are not counted). */
export const CHAT_OUTBOXES = ['outbox-telegram', 'outbox-discord'] as const;

/** The job queues and the chat outboxes: what an operator watches fill up. */
export const WATCHED_QUEUES: readonly string[] = [...QUEUE_NAMES, ...CHAT_OUTBOXES];

export interface QueueDepth {
  queue: string;
  state: DepthState;
  jobs: number;
}

/** Reads how many jobs each queue holds per state (BullMQ getJobCounts), on the process's own connection. */
export class QueueDepths {
  private readonly queues: Queue[];

  constructor(connection: RedisClient, prefix: string, names: readonly string[] = WATCHED_QUEUES) {
    this.queues = names.map((name) => {
      // Read only: it must not write the queue's meta hash (every new Queue does unless told not to).
      const queue = new Queue(name, { connection, prefix: queuePrefix(connection, prefix, name), skipMetasUpdate: true });
      queue.on('error', () => undefined); // the connection's owner logs its errors
      return queue;
    });
  }

  async read(): Promise<QueueDepth[]> {
    const counts = await Promise.all(this.queues.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...DEPTH_STATES) })));
    return counts.flatMap(({ queue, counts: byState }) => DEPTH_STATES.map((state) => ({ queue, state, jobs: byState[state] ?? 0 })));
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
