import { finalDeliveryId, type Delivery, type ReplyAddress } from './delivery.js';
import { UserError } from './errors.js';
import type { Locale } from './locale.js';
import type { QueueName } from './command.js';
import type { JobSubmitter, OutboxSender } from './ports.js';
import { errorReply } from './reply-format.js';
import { noWorkerNotice, watchForWorker } from './worker-watch.js';

/** Commands a chat platform dispatched and nobody waits on in-process: when their reply is due, per queue. */
interface Deadline {
  timer: NodeJS.Timeout;
  timeoutMs: number;
  expire: () => void;
  stopWatch: () => void;
}

// A bot process with many chats keeps at most this many deadlines; the oldest are dropped first (never answered late).
const MAX_DEADLINES = 100_000;

/**
 * Chat platforms dispatch and render replies as they come (no one awaits them), so the "that took too long"
 * promise of the terminal's `handle` is kept here: a command whose reply has not come within its queue's timeout —
 * counted from its latest streamed update — has its job withdrawn, and its user hears the timeout as the command's
 * final reply. Sent through the outbox under the final delivery's id, it also stops a late real answer (the outbox
 * adds a final once), so a worker that starts later cannot answer a question its user was told failed.
 */
export class ReplyDeadlines {
  private readonly deadlines = new Map<string, Deadline>();

  constructor(
    private readonly outbox: OutboxSender,
    private readonly submitter: Pick<JobSubmitter, 'withdraw' | 'unattended'>,
  ) {}

  arm(address: ReplyAddress, command: string, locale: Locale, timeoutMs: number, job: { queue: QueueName; jobId: string }): void {
    const correlationId = address.correlationId;
    const expire = () => {
      this.deadlines.delete(correlationId);
      void this.submitter
        .withdraw(job.queue, job.jobId)
        .catch(() => undefined)
        .then(() => this.outbox.send({ id: finalDeliveryId(correlationId), address, reply: errorReply(command, locale, new UserError('timeout')), final: true }))
        .catch(() => undefined);
    };
    this.clear(correlationId);
    const timer = setTimeout(expire, timeoutMs);
    timer.unref();
    // No worker at all: the chat hears so within seconds (an update the answer replaces), not only at the timeout.
    const stopWatch = watchForWorker(this.submitter, job, () => {
      const notice = noWorkerNotice(command, locale, address.platform);
      this.outbox.send({ id: `notice-no-worker-${correlationId}`, address, reply: notice, final: false }).catch(() => undefined);
    });
    this.deadlines.set(correlationId, { timer, timeoutMs, expire, stopWatch });
    if (this.deadlines.size > MAX_DEADLINES) this.clear(this.deadlines.keys().next().value!);
  }

  /** A delivery on its way to the adapter: a final settles its command, an update restarts the clock. */
  observe(delivery: Delivery): void {
    const deadline = this.deadlines.get(delivery.address.correlationId);
    if (!deadline) return;
    if (delivery.final) {
      this.clear(delivery.address.correlationId);
      return;
    }
    clearTimeout(deadline.timer);
    deadline.timer = setTimeout(deadline.expire, deadline.timeoutMs);
    deadline.timer.unref();
  }

  close(): void {
    for (const deadline of this.deadlines.values()) {
      clearTimeout(deadline.timer);
      deadline.stopWatch();
    }
    this.deadlines.clear();
  }

  private clear(correlationId: string): void {
    const deadline = this.deadlines.get(correlationId);
    if (deadline) {
      clearTimeout(deadline.timer);
      deadline.stopWatch();
    }
    this.deadlines.delete(correlationId);
  }
}
