/**
 * bench:queue's burst: a paced producer (`Tutor.dispatch` from many lanes) against this process's outbox consumer
 * (queue-sink.ts), which renders every delivery: commands per second, and whether any reply was lost or came twice.
 */
import { performance } from 'node:perf_hooks';
import { renderJson } from '../../src/adapters/terminal/render.js';
import { newCorrelationId } from '../../src/core/tutor.js';
import type { Runtime } from '../../src/main/runtime.js';
import { sink, type BurstState } from './queue-sink.js';
import { askerFor, BURST_LINES, round } from './queue-workload.js';

/** Commands dispatched but not answered yet, at most: well under QUEUE_BUSY_DEPTH.fast, so dispatch never says "busy". */
export const MAX_IN_FLIGHT = 2_000;
export const PRODUCER_LANES = 64;
const BURST_TIMEOUT_MS = 60_000;
/** A job that ran twice would deliver its final reply twice: this long for a late duplicate to show up. */
const DUPLICATE_GRACE_MS = 300;

export interface BurstResult {
  kind: 'explain' | 'empty';
  commands: number;
  seconds: number;
  commands_per_s: number;
  lost: number;
  refused_busy: number;
  duplicates: number;
  position_notices: number;
  rendered_mb: number;
}

export async function burst(runtime: Runtime, kind: BurstResult['kind'], total: number, log: (message: string) => void): Promise<BurstResult> {
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  let settled!: () => void;
  const done = new Promise<void>((resolve) => (settled = resolve));
  const state: BurstState = {
    finals: new Map(),
    answered: 0,
    refused: 0,
    stray: 0,
    updates: 0,
    renderedBytes: 0,
    lastFinalAt: 0,
    total,
    settled,
    release: () => {
      inFlight -= 1;
      waiters.shift()?.();
    },
  };
  sink.current = state;
  let notices = 0;
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const index = next++;
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiters.push(resolve));
      inFlight += 1;
      const correlationId = newCorrelationId();
      state.finals.set(correlationId, 0);
      const invocation = runtime.tutor.readText(BURST_LINES[index % BURST_LINES.length]!, askerFor(index));
      const outcome = await runtime.tutor.dispatch(invocation, { correlationId });
      if (outcome.kind === 'answered') {
        // Refused at the edge ("busy"): rendered like any reply, but it is not an answer to the question.
        state.renderedBytes += renderJson(outcome.reply).length;
        state.refused += 1;
        state.release();
        if (state.answered + state.refused === total) state.settled();
      } else if (outcome.notice) {
        notices += 1;
        state.renderedBytes += renderJson(outcome.notice, false).length;
      }
    }
  };
  await Promise.all(Array.from({ length: PRODUCER_LANES }, lane));
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([done.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), BURST_TIMEOUT_MS)))]);
  clearTimeout(timer);
  const seconds = ((finished ? state.lastFinalAt : performance.now()) - t0) / 1000;
  // A job that ran twice would deliver its final reply twice: give a late duplicate the time to show up.
  await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
  sink.current = undefined;
  let lost = 0;
  let duplicates = 0;
  for (const count of state.finals.values()) {
    if (count !== 1) lost += 1;
    if (count > 1) duplicates += 1;
  }
  if (state.stray > 0) log(`${state.stray} deliveries for commands of an earlier run`);
  return {
    kind,
    commands: total,
    seconds: round(seconds),
    commands_per_s: Math.round(state.answered / seconds),
    lost,
    refused_busy: state.refused,
    duplicates,
    position_notices: notices,
    rendered_mb: round(state.renderedBytes / 1e6, 1),
  };
}
