/**
 * A Redis Cluster of three masters of the test's own (test/support/redis-topology.ts): an edge runtime with
 * REDIS_CLUSTER_NODES and two `npm run worker` processes run the fault suite's command flow, per-person state
 * (/lang, rate limits, /forget's index) and a class quiz with no CROSSSLOT error anywhere, and the queues land on more
 * than one master (a hash tag per queue, not one for everything).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/state/redis.js';
import { asker } from '../support/bull-harness.js';
import { classroom } from '../support/classroom.js';
import { sleep } from '../support/fault-process.js';
import { canStartTopologies, RedisCluster } from '../support/redis-topology.js';
import { flowLine, misanswered, startTopologyRig, type SentCommand, type TopologyRig } from '../support/topology-rig.js';

const COMMANDS = 120;
const SPACING_MS = 10;
const TEST_MS = 180_000;

describe.skipIf(!canStartTopologies())('Redis Cluster: three masters', () => {
  let cluster: RedisCluster | undefined;
  let rig: TopologyRig | undefined;

  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
    await cluster?.destroy();
  });

  it('runs commands, per-person state and a class quiz without CROSSSLOT, with the queues on several masters', async () => {
    const nodes = cluster!;
    rig = await startTopologyRig(nodes);
    const { edge, platform, workers } = rig;
    const room = classroom('cluster', platform, rig.describeWorkers, rig);

    // Per-person keys: /lang writes a preference and its /forget index in one MULTI; every command takes a rate token
    // (a Lua script on the bucket and the index).
    const zh = await edge.tutor.handleText('/lang zh', asker('polyglot'));
    expect(zh.error).toBeUndefined();
    expect((await edge.tutor.handleText('/explain attention', asker('polyglot'))).locale).toBe('zh');

    const lobby = await room.start(edge, '/quiz start attention 3 10 plain');
    await room.join(edge, lobby);
    const sent: SentCommand[] = [];
    for (let index = 0; index < COMMANDS; index++) {
      const { line, command, topic } = flowLine(index);
      sent.push({ index, command, topic, reply: edge.tutor.handleText(line, asker(`u${index % 7}`)) });
      await sleep(SPACING_MS);
    }
    for (let index = 0; index < 3; index++) {
      const post = await room.question(index);
      const picks = [{ a: 'R', b: 'R', c: 'W', d: 'R' }, { a: 'R', b: 'W', c: 'R', d: 'R' }, { a: 'R', b: 'R', c: 'R', d: 'W' }][index] as Record<'a' | 'b' | 'c' | 'd', 'R' | 'W'>;
      for (const ack of await room.answer(edge, post, index, picks)) expect(ack?.text).toMatch(/recorded/);
      await room.reveal(index);
    }
    await room.podium();
    const wrong = await misanswered(sent);
    expect(wrong, `commands not answered properly:\n${wrong.join('\n')}`).toEqual([]);
    await rig.drained(30_000);
    room.expectEachStepOnce(3);
    await room.expectScores({ a: 3, b: 2, c: 2, d: 2 }, { a: 3, b: 3, c: 3, d: 3 });

    // /forget's index: one person's keys, all in one slot, found and deleted without a SCAN.
    const state = new RedisStore(rig.inspector, rig.prefix);
    const forgotten = await state.deleteUserKeys('user:terminal:polyglot:');
    expect(forgotten.length).toBeGreaterThan(0);
    expect(await state.deleteUserKeys('user:terminal:polyglot:')).toEqual([]);

    const perMaster = await nodes.keysPerMaster();
    expect(perMaster.filter((keys) => keys > 0).length, `keys per master: ${perMaster.join(', ')}`).toBeGreaterThan(1);
    const crossSlot = [...workers.flatMap((worker) => worker.stderr().split('\n')), ...rig.edgeLog.entries.map((entry) => JSON.stringify(entry.object))].filter((line) => /CROSSSLOT/.test(line));
    expect(crossSlot.slice(0, 3)).toEqual([]);
    const workerErrors = workers.flatMap((worker) => worker.stderr().split('\n')).filter((line) => /"level":(50|60)/.test(line));
    expect(workerErrors.slice(0, 3)).toEqual([]);
  }, TEST_MS);
});
