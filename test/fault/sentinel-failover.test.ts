/**
 * Fault: the Redis master dies (kill -9) under Sentinel while commands flow and a class quiz is in flight.
 *
 * A master, a replica and three sentinels of the test's own (test/support/redis-topology.ts); an edge runtime as a bot
 * process builds it (createRuntime with REDIS_SENTINELS), serving a platform outbox the quiz posts to; two
 * `npm run worker` processes on the same Sentinel group. Halfway through 200 commands replication stalls (a proxy on
 * the replication link stops forwarding) and after a burst of 40 more commands the master is killed, so its last writes are lost for
 * certain; the sentinels promote the replica. Every command is answered exactly once (the edge re-submits what it has no reply
 * for; outbox deduplication and the consumer's memory drop repeats), the workers keep consuming (a second wave after
 * the failover is answered), and the quiz finishes with the scores the answers imply. No timing assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { asker } from '../support/bull-harness.js';
import { classroom } from '../support/classroom.js';
import { sleep } from '../support/fault-process.js';
import { canStartTopologies, SentinelGroup } from '../support/redis-topology.js';
import { flowLine, misanswered, startTopologyRig, type SentCommand, type TopologyRig } from '../support/topology-rig.js';

const WAVE = 200;
const FREEZE_AT = 100;
const KILL_AT = 140;
/** After the burst, until its jobs are in the master's queue (acknowledged, not replicated). */
const BURST_SETTLE_MS = 30;
const SECOND_WAVE = 50;
const SPACING_MS = 10;
const QUIET_MS = 1_500;
const TEST_MS = 240_000;

describe.skipIf(!canStartTopologies())('fault: the Redis master killed under Sentinel', () => {
  let group: SentinelGroup | undefined;
  let rig: TopologyRig | undefined;

  beforeAll(async () => {
    group = await SentinelGroup.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
    await group?.destroy();
  });

  it('answers every command exactly once, keeps the workers consuming and finishes the quiz with exact scores', async () => {
    const sentinel = group!;
    // A job whose completion the failover lost is taken over within seconds.
    rig = await startTopologyRig(sentinel, { WORKER_LOCK_MS: '1000', WORKER_STALLED_CHECK_MS: '500' });
    const { edge, platform, unclaimed, workers } = rig;
    const room = classroom('failover', platform, rig.describeWorkers, rig);

    // A quiz in flight: question 1 done, question 2 open with two of four answers when the master dies.
    const lobby = await room.start(edge, '/quiz start attention 3 20 plain');
    await room.join(edge, lobby);
    const q1 = await room.question(0);
    for (const ack of await room.answer(edge, q1, 0, { a: 'R', b: 'R', c: 'W', d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(0);
    const q2 = await room.question(1);
    for (const ack of await room.answer(edge, q2, 1, { a: 'R', b: 'W' })) expect(ack?.text).toMatch(/recorded/);

    const sent: SentCommand[] = [];
    const send = async (count: number, onEach?: (index: number) => Promise<void>) => {
      for (let i = 0; i < count; i++) {
        const index = sent.length;
        const { line, command, topic } = flowLine(index);
        sent.push({ index, command, topic, reply: edge.tutor.handleText(line, asker(`u${index % 7}`)) });
        await onEach?.(index);
        // Between the stall and the kill the commands come as a burst, so some still wait in the queue at the kill.
        if (index < FREEZE_AT || index >= KILL_AT) await sleep(SPACING_MS);
      }
    };
    // Replication stalls at command FREEZE_AT and the master dies at KILL_AT: what it acknowledged in between —
    // commands, their replies, their completions, c's answer — never reaches the replica that takes over.
    let lateAnswer: Promise<(Reply | undefined)[]> | undefined;
    await send(WAVE, async (index) => {
      if (index === FREEZE_AT) {
        sentinel.freezeReplication();
        lateAnswer = room.answer(edge, q2, 1, { c: 'R' });
      }
      if (index === KILL_AT) {
        await sleep(BURST_SETTLE_MS);
        await sentinel.killMaster();
      }
    });
    await sentinel.promoted();

    // The rest of the quiz on the promoted replica: the answers given before the kill are still there, and c, who
    // answered while replication was stalled, was told "recorded" only once the answer was on the new master.
    for (const ack of await lateAnswer!) expect(ack?.text).toMatch(/recorded/);
    for (const ack of await room.answer(edge, q2, 1, { d: 'R' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(1);
    const q3 = await room.question(2);
    for (const ack of await room.answer(edge, q3, 2, { a: 'R', b: 'R', c: 'R', d: 'W' })) expect(ack?.text).toMatch(/recorded/);
    await room.reveal(2);
    await room.podium();

    // The workers still consume after the failover: a second wave is answered.
    await send(SECOND_WAVE);
    const wrong = await misanswered(sent);
    // The early-closed questions' own timers (20 s windows) fire too before everything is drained.
    await rig.drained(45_000);
    await sleep(QUIET_MS);

    expect(wrong, `commands not answered properly:\n${wrong.join('\n')}\n${rig.describeWorkers()}`).toEqual([]);
    // A second final for a command already answered would reach nobody's waiter: it would land here.
    expect(unclaimed.map((delivery) => `${delivery.id} ${delivery.final ? 'final' : 'update'}`), 'deliveries nobody waited for (repeats)').toEqual([]);
    expect(await sentinel.masterPort()).toBe(sentinel.replica.port);
    // The mechanisms were exercised, not only present: commands in flight at the kill were submitted again.
    const stats = edge.failoverStats!();
    expect(stats.reconnects, JSON.stringify(stats)).toBeGreaterThan(0);
    expect(stats.resubmitted, JSON.stringify(stats)).toBeGreaterThan(0);

    room.expectEachStepOnce(3);
    await room.expectScores({ a: 3, b: 2, c: 2, d: 2 }, { a: 3, b: 3, c: 3, d: 3 });
    for (const worker of workers) expect(worker.child.exitCode, 'a worker process exited').toBeNull();
  }, TEST_MS);
});
