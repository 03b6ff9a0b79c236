import { z } from 'zod';
import { PLATFORMS, type Platform } from './invocation.js';
import type { Reply } from './reply.js';

/** Where a reply goes: which adapter's outbox, which chat, and which command it answers. */
export interface ReplyAddress {
  platform: Platform;
  chatId: string;
  userId: string;
  /** Unique per command: ties streamed updates and the final reply to the message they answer. */
  correlationId: string;
  /** The outbox queue the adapter process reads (one per platform; one per session for the terminal). */
  outbox: string;
  /** Platform data the adapter needs to answer (a message id to edit, an interaction token): opaque to the core. */
  route?: Record<string, string> | undefined;
}

/** A reply on its way to an adapter: the final answer, or a best-effort update (streamed text, a queue notice). */
export interface Delivery {
  /** Unique per delivery; the final one is `final-<correlationId>`, so a re-run job cannot deliver twice. */
  id: string;
  address: ReplyAddress;
  reply: Reply;
  final: boolean;
  /**
   * Deliver this much later (a paced replay: /generate's steps one by one). The outbox waits, not the worker: a job
   * never holds its model slot to pace what a person reads.
   */
  delayMs?: number | undefined;
}

export const addressSchema = z.object({
  platform: z.enum(PLATFORMS),
  chatId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  correlationId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  outbox: z.string().regex(/^outbox-[A-Za-z0-9_-]{1,80}$/),
  route: z.record(z.string(), z.string().max(4096)).optional(),
}) satisfies z.ZodType<ReplyAddress>;

export function finalDeliveryId(correlationId: string): string {
  return `final-${correlationId}`;
}

/**
 * A streamed update's id: `update-<correlation id>-[a<attempt>-]<sequence>` (a paced replay: `…-step<n>`). The sequence counts up within a run; a
 * job that starts over (attempt > 1) streams again under ids of its own, after every update of the earlier run.
 */
export function updateDeliveryId(correlationId: string, attempt: number, sequence: number): string {
  return `update-${correlationId}-${attempt > 1 ? `a${attempt}-` : ''}${sequence}`;
}

const UPDATES_PER_ATTEMPT = 1_000_000;

/** Where an update stands among its reply's updates (larger is newer); undefined for ids of another form. */
export function updateOrder(delivery: Pick<Delivery, 'id' | 'address'>): number | undefined {
  const prefix = `update-${delivery.address.correlationId}-`;
  if (!delivery.id.startsWith(prefix)) return undefined;
  const match = /^(?:a(\d{1,4})-)?(?:step)?(\d{1,6})$/.exec(delivery.id.slice(prefix.length));
  if (!match) return undefined;
  return Number(match[1] ?? 1) * UPDATES_PER_ATTEMPT + Number(match[2]);
}
