/**
 * The adapter side of bench:queue's Redis runtime: deliveries nobody `handle`s come here (what a chat adapter
 * gets), are rendered with renderJson, and are counted for the burst in progress or matched to a serial command.
 */
import { performance } from 'node:perf_hooks';
import { renderJson } from '../../src/adapters/terminal/render.js';
import type { Delivery } from '../../src/core/delivery.js';

export interface BurstState {
  finals: Map<string, number>;
  answered: number;
  refused: number;
  stray: number;
  updates: number;
  renderedBytes: number;
  lastFinalAt: number;
  release(): void;
  settled: () => void;
  total: number;
}

/** The burst in progress, and the serial commands waiting for their rendered reply (by correlation id). */
export const sink: { current: BurstState | undefined; serial: Map<string, (renderedAt: number) => void> } = { current: undefined, serial: new Map() };
export async function onDelivery(delivery: Delivery): Promise<void> {
  const state = sink.current;
  const rendered = renderJson(delivery.reply, delivery.final);
  const serial = delivery.final ? sink.serial.get(delivery.address.correlationId) : undefined;
  if (serial) {
    sink.serial.delete(delivery.address.correlationId);
    serial(Date.now());
  }
  if (!state) return;
  state.renderedBytes += rendered.length;
  if (!delivery.final) {
    state.updates += 1;
    return;
  }
  const seen = state.finals.get(delivery.address.correlationId);
  if (seen === undefined) {
    state.stray += 1;
    return;
  }
  state.finals.set(delivery.address.correlationId, seen + 1);
  if (seen > 0) return;
  state.answered += 1;
  state.lastFinalAt = performance.now();
  state.release();
  if (state.answered + state.refused === state.total) state.settled();
}
