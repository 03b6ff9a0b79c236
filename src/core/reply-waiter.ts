import type { Delivery } from './delivery.js';
import { UserError } from './errors.js';
import type { Reply } from './reply.js';

interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
  onUpdate: ((reply: Reply) => void) | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Starts (or restarts) the timeout. */
  arm: (() => void) | undefined;
}

/** Commands remembered as done (answered, timed out, or stopped by their asker) to drop their stragglers; the latest suffice. */
const REMEMBERED_DONE = 1_000;

/**
 * Matches deliveries from the adapter's outbox to the commands this process is waiting on (the terminal answers
 * line by line). Deliveries nobody waits for — after a restart, or started by a worker — are the adapter's to show.
 * A command already done swallows what still comes for it: an update handled after its final (outbox deliveries run
 * concurrently), or anything of a command that timed out or its asker stopped (`abandon`).
 */
export class ReplyWaiter {
  private readonly waiting = new Map<string, Waiting>();
  private readonly done = new Set<string>();

  /** Starts waiting before the job is submitted, so even an instant reply is caught. */
  expect(
    correlationId: string,
    onUpdate?: (reply: Reply) => void,
  ): { within(timeoutMs: number): Promise<Reply>; cancel(): void; abandon(): void } {
    let entry!: Waiting;
    const promise = new Promise<Reply>((resolve, reject) => {
      entry = { resolve, reject, onUpdate, timer: undefined, arm: undefined };
    });
    this.waiting.set(correlationId, entry);
    return {
      within: (timeoutMs) => {
        entry.arm = () => {
          clearTimeout(entry.timer);
          entry.timer = setTimeout(() => {
            this.waiting.delete(correlationId);
            // Told "that took too long", the asker must not see the answer turn up later from a worker that ran on.
            this.remember(correlationId);
            entry.reject(new UserError('timeout'));
          }, timeoutMs);
        };
        entry.arm();
        return promise;
      },
      cancel: () => this.settle(correlationId),
      // The asker stopped waiting (Ctrl-C): nothing more of this command is shown, even if a worker runs it on.
      abandon: () => {
        this.settle(correlationId);
        this.remember(correlationId);
      },
    };
  }

  /** Hands a delivery to whoever waits for it; false when nobody does. */
  accept(delivery: Delivery): boolean {
    if (this.done.has(delivery.address.correlationId)) return true;
    const entry = this.waiting.get(delivery.address.correlationId);
    if (!entry) return false;
    if (!delivery.final) {
      // A reply that is streaming is alive (a long generated answer): the timeout counts from its latest update.
      entry.arm?.();
      entry.onUpdate?.(delivery.reply);
      return true;
    }
    this.settle(delivery.address.correlationId);
    this.remember(delivery.address.correlationId);
    entry.resolve(delivery.reply);
    return true;
  }

  private remember(correlationId: string): void {
    this.done.add(correlationId);
    if (this.done.size > REMEMBERED_DONE) this.done.delete(this.done.values().next().value!);
  }

  private settle(correlationId: string): void {
    const entry = this.waiting.get(correlationId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.waiting.delete(correlationId);
  }
}
