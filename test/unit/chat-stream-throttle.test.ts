import { describe, expect, it } from 'vitest';
import { StreamThrottle, type ThrottleClock } from '../../src/adapters/chat/stream-throttle.js';

/** A clock that jumps forward when slept on: the throttle's waits cost no real time. */
function fakeClock(): ThrottleClock & { sleeps: number[] } {
  let now = 1_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}

describe('StreamThrottle', () => {
  it('coalesces updates that arrive while a step is waiting: the latest text wins, the final always runs', async () => {
    const clock = fakeClock();
    const throttle = new StreamThrottle<number>({ clock });
    const steps: { text: string; at: number; state: number | undefined }[] = [];
    const step = (text: string) => async (state: number | undefined) => {
      steps.push({ text, at: clock.now(), state });
      return (state ?? 0) + 1;
    };
    const all = [
      throttle.update('a', 1100, step('one')),
      throttle.update('a', 1100, step('two')),
      throttle.update('a', 1100, step('three')),
      throttle.final('a', 1100, step('final')),
    ];
    await Promise.all(all);
    // 'one' ran at once; 'two' and 'three' were superseded by the final while it waited out the interval.
    expect(steps.map((entry) => entry.text)).toEqual(['one', 'final']);
    expect(steps[1]!.at - steps[0]!.at).toBeGreaterThanOrEqual(1100);
    expect(steps.map((entry) => entry.state)).toEqual([undefined, 1]);
    expect(throttle.active).toBe(0);
  });

  it('spaces every step of a long stream by the interval', async () => {
    const clock = fakeClock();
    const throttle = new StreamThrottle<void>({ clock });
    const times: number[] = [];
    const step = async () => {
      times.push(clock.now());
      return undefined;
    };
    for (let i = 0; i < 5; i++) await throttle.update('s', 3100, step);
    await throttle.final('s', 3100, step);
    expect(times).toHaveLength(6);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3100);
  });

  it('ignores updates that arrive after the final', async () => {
    const throttle = new StreamThrottle<void>({ clock: fakeClock() });
    const texts: string[] = [];
    await throttle.final('k', 1000, async () => void texts.push('final'));
    await throttle.update('k', 1000, async () => void texts.push('late update'));
    await throttle.final('k', 1000, async () => void texts.push('duplicate final'));
    expect(texts).toEqual(['final']);
  });

  it('keeps streams apart', async () => {
    const clock = fakeClock();
    const throttle = new StreamThrottle<string>({ clock });
    const seen: string[] = [];
    await Promise.all([
      throttle.final('x', 5000, async (state) => (seen.push(`x:${state}`), 'x')),
      throttle.final('y', 5000, async (state) => (seen.push(`y:${state}`), 'y')),
    ]);
    expect(seen.sort()).toEqual(['x:undefined', 'y:undefined']);
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a failed final and keeps the state for the retry; a failed update is reported and the stream goes on', async () => {
    const errors: unknown[] = [];
    const throttle = new StreamThrottle<string>({ clock: fakeClock(), onUpdateError: (error) => errors.push(error) });
    await throttle.update('r', 0, async () => 'message-1');
    await throttle.update('r', 0, async () => {
      throw new Error('edit failed');
    });
    await expect(throttle.final('r', 0, async () => Promise.reject(new Error('429')))).rejects.toThrow('429');
    let stateAtRetry: string | undefined;
    await throttle.final('r', 0, async (state) => {
      stateAtRetry = state;
      return state;
    });
    expect(errors).toHaveLength(1);
    expect(stateAtRetry).toBe('message-1');
  });
});
