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
