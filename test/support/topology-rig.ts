/**
 * A bot and two workers on a Redis topology of a test's own (a Sentinel group, a Cluster): an edge runtime as a bot
 * process builds it (createRuntime from the topology's REDIS_* variables) serving a platform outbox, two
 * `npm run worker` children, and a connection of the test's own to look at the queues and the quiz store.
 */
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { RedisTopology } from '../../src/config/redis-topology.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { queuePrefix } from '../../src/queue/keys.js';
import { producerConnection, ready, type RedisClient } from '../../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { RecordingLogger } from './bull-harness.js';
import { cleanEnv, startWorker, type WorkerChild } from './child.js';
import { killAllChildren, waitUntil } from './fault-process.js';
import { uniquePrefix } from './redis.js';

export const EDGE_OUTBOX = 'outbox-edge';
export const PLATFORM_OUTBOX = 'outbox-telegram';
const WORKER_START_MS = 60_000;

export interface TopologyRig {
  prefix: string;
  /** The test's own connection to the topology. */
  inspector: RedisClient;
  edge: Runtime;
  store: RedisClassQuizStore;
  workers: WorkerChild[];
  /** What the platform outbox delivered, in order. */
  platform: Delivery[];
  /** Deliveries nobody waited for: a second final of an answered command lands here. */
  unclaimed: Delivery[];
  /** The edge's warnings and errors. */
  edgeLog: RecordingLogger;
  outstanding(): Promise<Record<string, Record<string, number>>>;
  drained(timeoutMs: number): Promise<void>;
  describeWorkers(): string;
  close(): Promise<void>;
}

/** `settings`: more variables for the edge and the workers (quiz pacing, stall timings). */
export async function startTopologyRig(target: { topology: RedisTopology; env: Record<string, string> }, settings: Record<string, string> = {}): Promise<TopologyRig> {
  const prefix = uniquePrefix();
  const env = { ...target.env, QUEUE_PREFIX: prefix, QUIZ_LOBBY_SECONDS: '1', QUIZ_REVEAL_SECONDS: '1', ...settings };
  const inspector: RedisClient = producerConnection(target.topology);
  inspector.on('error', () => undefined);
  await ready(inspector);
  const queues: Queue[] = [];
  const queue = (name: string) => {
    const handle = new Queue(name, { connection: inspector, prefix: queuePrefix(inspector, prefix, name) });
    // The connection's errors while a master is gone are expected; unheard, BullMQ prints each with console.error.
    handle.on('error', () => undefined);
    queues.push(handle);
    return handle;
  };
  const [jobs, outbox, edgeOutbox] = [queue('fast'), queue(PLATFORM_OUTBOX), queue(EDGE_OUTBOX)];
  const outstanding = async () => ({
    fast: await jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    outbox: await outbox.getJobCounts('waiting', 'active', 'delayed'),
    edge: await edgeOutbox.getJobCounts('waiting', 'active', 'delayed'),
  });

  const workers = await Promise.all([0, 1].map(() => startWorker(cleanEnv({ ...env, LOG_LEVEL: 'info' }), WORKER_START_MS)));
  const edgeLog = new RecordingLogger();
  const platform: Delivery[] = [];
  const unclaimed: Delivery[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void edgeLog.error(JSON.parse(line) as object, 'edge log') });
  const edge = await createRuntime(loadConfig(env), logger, { outbox: EDGE_OUTBOX, onUnclaimed: async (delivery) => void unclaimed.push(delivery) });
  await edge.serve('telegram', PLATFORM_OUTBOX, async (delivery) => void platform.push(delivery));

  return {
    prefix,
    inspector,
    edge,
    store: new RedisClassQuizStore(inspector, prefix),
    workers,
    platform,
    unclaimed,
    edgeLog,
    outstanding,
    async drained(timeoutMs) {
      await waitUntil('the queues and outboxes to drain', async () => Object.values(await outstanding()).flatMap((count) => Object.values(count)).every((count) => count === 0), {
        timeoutMs,
        intervalMs: 100,
        explain: async () => JSON.stringify(await outstanding()),
      });
    },
    describeWorkers: () => workers.map((worker) => `worker ${worker.child.pid}:\n${worker.stderr().slice(-1_500)}`).join('\n'),
    async close() {
      await killAllChildren();
      await Promise.all(workers.map((worker) => worker.stop()));
      await edge.close().catch(() => undefined);
      await Promise.all(queues.map((handle) => handle.close().catch(() => undefined)));
      inspector.disconnect();
    },
  };
}

/** A command sent through the edge, and what it must be answered with. */
export interface SentCommand {
  index: number;
  command: string;
  topic: string | undefined;
  reply: Promise<Reply>;
}

const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling'];

/** The index-th command of a steady mixed flow: /explain of a topic, every fifth a /help. */
export function flowLine(index: number): { line: string; command: string; topic: string | undefined } {
  const topic = index % 5 === 4 ? undefined : TOPICS[index % TOPICS.length]!;
  return { line: topic ? `/explain ${topic}` : '/help', command: topic ? 'explain' : 'help', topic };
}

/** The commands whose reply is an error or answers another command or topic, one line each. */
export async function misanswered(sent: readonly SentCommand[]): Promise<string[]> {
  const replies = await Promise.all(sent.map((entry) => entry.reply));
  return sent
    .map((entry, i) => ({ entry, reply: replies[i]! }))
    .filter(({ entry, reply }) => reply.error !== undefined || reply.command !== entry.command || (entry.topic !== undefined && reply.topic !== entry.topic))
    .map(({ entry, reply }) => `#${entry.index} ${entry.command} ${entry.topic ?? ''}: got ${reply.error?.code ?? `${reply.command} ${String(reply.topic)}`}`);
}
