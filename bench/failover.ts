/**
 * `npm run bench:failover`: what a Redis master's death costs the students, on a Sentinel group this bench starts
 * itself (a master, a replica behind a freezable replication link, three sentinels; test/support/redis-topology.ts).
 *
 * - Failover: an edge runtime (as a bot process builds it, REDIS_SENTINELS) and two `npm run worker` processes;
 *   commands flow at a steady pace; replication stalls, a burst follows, and the master is killed (-9), so its last
 *   writes are lost for certain. `failover_lost` (commands never answered properly) and `failover_duplicates`
 *   (second finals) must be 0; `failover_pause_ms` is the time from the kill to the first reply after it.
 * - The cost of the mechanisms, side by side on a healthy group in the same run:
 *   - a class-quiz answer with WAIT for the replica against without (answers/s and latency at a class's
 *     concurrency), rounds alternating which goes first;
 *   - submitting commands with the edge's re-submission memory against without (submits/s, no workers).
 *
 * One JSON object on stdout; progress on stderr. Knobs: BENCH_COMMANDS, BENCH_ANSWERS, BENCH_ROUNDS.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import type { Reply } from '../src/core/reply.js';
import type { Delivery } from '../src/core/delivery.js';
import { newCorrelationId, type Asker } from '../src/core/tutor.js';
import type { TutorJob } from '../src/core/jobs.js';
import { createRuntime, type Runtime } from '../src/main/runtime.js';
import { BullJobSubmitter } from '../src/queue/bullmq.js';
import { producerConnection, ready, type RedisClient } from '../src/queue/redis-connection.js';
import { RedisClassQuizStore } from '../src/state/class-quiz-redis.js';
import { SentinelGroup } from '../test/support/redis-topology.js';
import { REAL_WORKER, killAllWorkersNow, startWorker, stopAllWorkers } from './support/processes.js';
import { nearestRank } from './support/stats.js';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 400);
const FREEZE_AT = Math.floor(COMMANDS / 2);
const BURST = 40;
const SPACING_MS = 5;
const BURST_SETTLE_MS = 30;
const ANSWERS = Number(process.env['BENCH_ANSWERS'] ?? 3_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** Students pressing at once: a class. */
const ANSWER_CONCURRENCY = 30;
const SUBMITS = 3_000;
const WAIT_TIMEOUT_MS = 500;
const TOPICS = ['attention', 'softmax', 'tokens', 'embeddings', 'transformer', 'sampling'];

const t0 = performance.now();
const log = (message: string) => process.stderr.write(`bench:failover [${((performance.now() - t0) / 1000).toFixed(1)}s]: ${message}\n`);
const asker = (id: string): Asker => ({ user: { id, displayName: 'Student' }, chat: { id: `chat-${id}`, kind: 'private' }, platform: 'terminal' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (value: number) => Math.round(value * 100) / 100;

const groups: SentinelGroup[] = [];
const runtimes: Runtime[] = [];
const connections: RedisClient[] = [];
async function cleanup(): Promise<void> {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close().catch(() => undefined)));
  await stopAllWorkers();
  for (const connection of connections.splice(0)) connection.disconnect();
  await Promise.all(groups.splice(0).map((group) => group.destroy()));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllWorkersNow();
    void cleanup().finally(() => process.exit(130));
  });
}

async function failover() {
  const group = await SentinelGroup.start();
  groups.push(group);
  const prefix = `bench-failover-${process.pid}`;
  const settings = { ...group.env, QUEUE_PREFIX: prefix, WORKER_LOCK_MS: '1000', WORKER_STALLED_CHECK_MS: '500', LOG_LEVEL: 'warn' };
  await Promise.all([0, 1].map((i) => startWorker(`worker-${i}`, REAL_WORKER, { ...settings, LOG_LEVEL: 'info' })));
  const unclaimed: Delivery[] = [];
  const finalsAt: number[] = [];
  const edge = await createRuntime(loadConfig(settings), pino({ level: 'silent' }), {
    outbox: 'outbox-edge',
    onUnclaimed: async (delivery) => void unclaimed.push(delivery),
  });
  runtimes.push(edge);
  log(`failover: ${COMMANDS} commands, replication stalled at #${FREEZE_AT}, a burst of ${BURST}, then kill -9 of the master`);
  const sent: { command: string; topic: string | undefined; reply: Promise<Reply> }[] = [];
  let killedAt = 0;
  for (let index = 0; index < COMMANDS; index++) {
    const topic = index % 5 === 4 ? undefined : TOPICS[index % TOPICS.length]!;
    const reply = edge.tutor.handleText(topic ? `/explain ${topic}` : '/help', asker(`u${index % 11}`)).then((answer) => {
      finalsAt.push(performance.now());
      return answer;
    });
    sent.push({ command: topic ? 'explain' : 'help', topic, reply });
    if (index === FREEZE_AT) group.freezeReplication();
    if (index === FREEZE_AT + BURST) {
      await sleep(BURST_SETTLE_MS);
      await group.killMaster();
      killedAt = performance.now();
    }
    if (index < FREEZE_AT || index >= FREEZE_AT + BURST) await sleep(SPACING_MS);
  }
  const replies = await Promise.all(sent.map((entry) => entry.reply));
  await group.promoted();
  await sleep(1_500);
  const lost = sent.filter((entry, i) => replies[i]!.error !== undefined || replies[i]!.command !== entry.command || (entry.topic !== undefined && replies[i]!.topic !== entry.topic)).length;
  const firstAfter = Math.min(...finalsAt.filter((at) => at > killedAt));
  const stats = edge.failoverStats!();
  await edge.close();
  runtimes.splice(runtimes.indexOf(edge), 1);
  await stopAllWorkers();
  await group.destroy();
  groups.splice(groups.indexOf(group), 1);
  return {
    failover_commands: COMMANDS,
    failover_lost: lost,
    failover_duplicates: unclaimed.filter((delivery) => delivery.final).length,
    failover_pause_ms: Math.round(firstAfter - killedAt),
    failover_resubmitted: stats.resubmitted,
    failover_already_answered: stats.alreadyAnswered,
    failover_dropped_repeats: stats.droppedRepeats,
  };
}

/** `ANSWERS` answers to one open question, ANSWER_CONCURRENCY at a time: answers/s and latency percentiles. */
async function answerRun(store: RedisClassQuizStore, quizId: string): Promise<{ perS: number; p50: number; p95: number }> {
  await store.open(quizId, 0, 600_000);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: ANSWER_CONCURRENCY }, async () => {
    while (next < ANSWERS) {
      const id = next++;
      const at = performance.now();
      await store.answer(quizId, 0, { userId: `s${id}`, name: `Student ${id}` }, id % 4);
      latencies.push(performance.now() - at);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perS: ANSWERS / seconds, p50: nearestRank(latencies, 0.5), p95: nearestRank(latencies, 0.95) };
}

async function submitRun(submitter: BullJobSubmitter): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: SUBMITS }, (_, i) => {
    const correlationId = newCorrelationId();
    const job = { command: 'help', args: {}, context: { user: { id: `u${i}` }, chat: { id: `c${i}`, kind: 'private' }, platform: 'terminal', locale: 'en' }, address: { platform: 'terminal', chatId: `c${i}`, userId: `u${i}`, correlationId, outbox: 'outbox-bench' } } as TutorJob;
    return submitter.submit('fast', job);
  }));
  return SUBMITS / ((performance.now() - started) / 1000);
}

async function costs() {
  const group = await SentinelGroup.start();
  groups.push(group);
  const redis = producerConnection(group.topology);
  redis.on('error', () => undefined);
  connections.push(redis);
  await ready(redis);
  const withWait = new RedisClassQuizStore(redis, 'bench-wait', { replicas: 1, timeoutMs: WAIT_TIMEOUT_MS });
  const without = new RedisClassQuizStore(redis, 'bench-nowait');
  const tracking = new BullJobSubmitter(redis, 'bench-track', { resubmit: {} });
  const plain = new BullJobSubmitter(redis, 'bench-plain');
  const answer = { wait: [] as Awaited<ReturnType<typeof answerRun>>[], none: [] as Awaited<ReturnType<typeof answerRun>>[] };
  const submit = { tracked: [] as number[], plain: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['wait', 'none'] as const) : (['none', 'wait'] as const);
    for (const which of order) answer[which].push(await answerRun(which === 'wait' ? withWait : without, `quiz-${which}-${r}`));
    const submitOrder = r % 2 === 0 ? (['tracked', 'plain'] as const) : (['plain', 'tracked'] as const);
    for (const which of submitOrder) submit[which].push(await submitRun(which === 'tracked' ? tracking : plain));
    log(`costs: round ${r + 1}/${ROUNDS}`);
  }
  await tracking.close();
  await plain.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const answersWait = median(answer.wait.map((run) => run.perS));
  const answersNone = median(answer.none.map((run) => run.perS));
  const submitsTracked = median(submit.tracked);
  const submitsPlain = median(submit.plain);
  return {
    answer_concurrency: ANSWER_CONCURRENCY,
    answers_per_s_with_wait: Math.round(answersWait),
    answers_per_s_without_wait: Math.round(answersNone),
    answer_wait_vs_without: round2(answersWait / answersNone),
    answer_p50_ms_with_wait: round2(median(answer.wait.map((run) => run.p50))),
    answer_p50_ms_without_wait: round2(median(answer.none.map((run) => run.p50))),
    answer_p95_ms_with_wait: round2(median(answer.wait.map((run) => run.p95))),
    answer_p95_ms_without_wait: round2(median(answer.none.map((run) => run.p95))),
    answers_unconfirmed: withWait.replicationStats.unconfirmed,
    submits_per_s_with_resubmit_memory: Math.round(submitsTracked),
    submits_per_s_without: Math.round(submitsPlain),
    submit_resubmit_memory_vs_without: round2(submitsTracked / submitsPlain),
  };
}

try {
  const failed = await failover();
  log(`failover: ${JSON.stringify(failed)}`);
  const cost = await costs();
  process.stdout.write(`${JSON.stringify({ bench: 'failover', topology: 'sentinel: 1 master, 1 replica, 3 sentinels (loopback)', ...failed, ...cost, rounds: ROUNDS })}\n`);
} finally {
  await cleanup();
  // ioredis's Sentinel failover detector can keep reconnecting to the sentinels this bench has just stopped; nothing
  // is left to wait for.
  process.exit(process.exitCode ?? 0);
}
