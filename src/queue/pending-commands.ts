/**
 * The edge's half of "answered exactly once" across a Redis failover. Replication is asynchronous: the master
 * acknowledges a job before its replica has it, so a master killed with -9 can take a just-submitted command with
 * it, and the promoted replica never saw it. Nothing in Redis remembers such a command, so the edge does: every
 * command it submitted and has no final reply for is kept here (bounded, dropped at its reply or its deadline), and
 * after the connection comes back (a failover, a restart) each is submitted again under the same job id.
 *
 * Why a second submit does not answer twice: the job id is the command's correlation id, so a job that did survive
 * (waiting, running, delayed) is not added again; a job that already finished left its final reply's content-free
 * deduplication key in the outbox (`de:final-<id>`, kept an hour), which the edge reads first and then skips the
 * command; and a final that arrives twice anyway (a job re-run after its reply was written) is dropped by that same
 * key in the outbox, or, after the edge rendered it, by the outbox consumer's memory of finished replies.
 */
import type { QueueName } from '../core/command.js';
import type { TutorJob } from '../core/jobs.js';

export interface PendingCommand {
  queue: QueueName;
  job: TutorJob;
  jobId: string;
  /** When it was submitted (ms): past its queue's reply deadline nobody waits for it any more. */
  at: number;
}

// A bot with many chats keeps at most this many; the oldest go first (their users were told they timed out).
const MAX_PENDING = 100_000;
/** A command older than its queue's reply timeout plus this is not submitted again (its user heard "too long"). */
export const RESUBMIT_GRACE_MS = 5_000;

export class PendingCommands {
  private readonly pending = new Map<string, PendingCommand>();

  constructor(
    private readonly timeoutMs: Record<QueueName, number>,
    private readonly now: () => number = Date.now,
  ) {}

  track(command: Omit<PendingCommand, 'at'>): void {
    const correlationId = command.job.address.correlationId;
    this.pending.delete(correlationId);
    this.pending.set(correlationId, { ...command, at: this.now() });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  /** Its final reply came (or it was withdrawn): nothing to submit again. */
  settle(correlationId: string): void {
    this.pending.delete(correlationId);
  }

  /** The commands still worth submitting again, oldest first; those past their deadline are forgotten. */
  due(): PendingCommand[] {
    const now = this.now();
    const due: PendingCommand[] = [];
    for (const [correlationId, command] of this.pending) {
      if (now - command.at > this.timeoutMs[command.queue] + RESUBMIT_GRACE_MS) this.pending.delete(correlationId);
      else due.push(command);
    }
    return due;
  }

  get size(): number {
    return this.pending.size;
  }
}
