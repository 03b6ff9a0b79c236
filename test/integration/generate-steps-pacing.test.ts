/**
 * `/generate steps:8` reveals its steps 800 ms apart; the pacing is the outbox's (delayed deliveries), not a model
 * slot held asleep: on a worker with a single model slot, a plain /generate sent after three teaching-mode ones is
 * answered before any of them has finished its replay. Ordering, not timing, so it cannot flake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationResult, ModelKit } from '../../src/core/model-port.js';
import { asker, harnessPool } from '../support/bull-harness.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { slowModelKit } from '../support/slow-model-kit.js';

/** The scripted model, with eight steps to replay. */
async function eightStepModel(): Promise<ModelKit> {
  const kit = await slowModelKit({ stepMs: 1 })();
  const generate = kit.generator.generate.bind(kit.generator);
  return {
    ...kit,
    generator: {
      ...kit.generator,
      async generate(request, onText): Promise<GenerationResult> {
        const result = await generate(request, onText);
        const steps = [...result.text].slice(0, 8).map((chosen) => ({ chosen, candidates: [{ text: chosen, probability: 0.9 }] }));
        return { ...result, steps };
      },
    },
  };
}

describe.skipIf(!redisUrl)('/generate steps: pacing outside the model slot', () => {
  const pool = harnessPool(requireRedisUrl);
  afterEach(pool.closeAll);

  it('frees the single model slot at once: a plain /generate overtakes three paced replays, each shown step by step', { timeout: 30_000 }, async () => {
    const harness = await pool.start({ model: eightStepModel, concurrency: { model: 1 } });
    const finishedOrder: string[] = [];
    const paced = [1, 2, 3].map((n) =>
      harness.tutor.handleText(`/generate steps:8 temperature:0 Paced ${n}`, asker(`pacer-${n}`)).then((reply) => {
        finishedOrder.push(`paced-${n}`);
        return reply;
      }),
    );
    // Sent last; with the pacing inside the slot it would wait 3 × 8 × 800 ms behind them.
    const plain = harness.tutor.handleText('/generate temperature:0 Plain', asker('plain')).then((reply) => {
      finishedOrder.push('plain');
      return reply;
    });
    const replies = await Promise.all([...paced, plain]);
    expect(finishedOrder[0]).toBe('plain');
    for (const reply of replies) expect(reply.error).toBeUndefined();
    // Each paced reply came as 8 step updates, in order, then its final.
    const stepUpdates = harness.deliveries.filter((delivery) => /-step\d+$/.test(delivery.id));
    expect(stepUpdates).toHaveLength(3 * 8);
    for (const n of [1, 2, 3]) {
      const mine = stepUpdates.filter((delivery) => delivery.address.userId === `pacer-${n}`).map((delivery) => Number(/step(\d+)$/.exec(delivery.id)![1]));
      expect(mine).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });
});
