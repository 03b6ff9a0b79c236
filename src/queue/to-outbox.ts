import { finalDeliveryId, updateDeliveryId } from '../core/delivery.js';
import { UserError } from '../core/errors.js';
import { jobSchema, type TutorJob } from '../core/jobs.js';
import type { JobEffects, JobProcessor, JobSubmitter, OutboxSender } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import { t } from '../core/i18n.js';
import { errorReply, localize } from '../core/reply-format.js';
import { UpdateCoalescer } from './coalesce.js';

/**
 * What a worker does with a job, whichever queue it came from: run it, stream coalesced updates, and put the final
 * reply in the adapter's outbox under a key derived from the command, so a job that runs twice answers once.
 */
export interface RunInfo {
  /**
   * Which start of the job this is (BullMQ's attemptsStarted): above 1 the job runs again after its worker died or an
   * attempt failed. Its stream starts over, so the student is told why, and its updates get ids of their own (the
   * outbox drops an id it has delivered, which would hide the new stream's first updates).
   */
  attempt: number;
}

export async function processToOutbox(processor: JobProcessor, job: TutorJob, outbox: OutboxSender, scheduler?: JobSubmitter, run: RunInfo = { attempt: 1 }): Promise<Reply | null> {
  const address = job.address;
  const restarted = run.attempt > 1;
  const noted = (reply: Reply) => (restarted ? withRestartNote(reply) : reply);
  const updates = new UpdateCoalescer((reply, sequence) => outbox.send({ id: updateDeliveryId(address.correlationId, run.attempt, sequence), address, reply: noted(reply), final: false }));
  try {
    const effects: JobEffects = {
      post: (delivery) => outbox.send(delivery),
      schedule: async (queue, scheduled, options) => {
        if (!scheduler) throw new Error('this worker cannot set timers');
        await scheduler.submit(queue, scheduled, options);
      },
    };
    const reply = await processor(job, updates.report, effects);
    updates.stop();
    if (reply) await outbox.send({ id: finalDeliveryId(address.correlationId), address, reply: noted(reply), final: true });
    return reply;
  } finally {
    updates.stop();
  }
}

/** A line above the reply of a job that started over, in the reply's language and script. */
function withRestartNote(reply: Reply): Reply {
  const note = localize({ command: reply.command, locale: reply.locale, text: t(reply.locale, 'queue.restarted'), buttons: [] }).text;
  return { ...reply, text: `_${note}_\n\n${reply.text}` };
}

/** When a job has failed for good, its user still hears so (in their language), instead of waiting forever. */
export async function deliverFailure(data: unknown, outbox: OutboxSender): Promise<void> {
  const parsed = jobSchema.safeParse(data);
  const job = parsed.success ? parsed.data : salvage(data);
  if (!job) return;
  const reply = errorReply(job.command, job.context.locale, new UserError('internal'));
  await outbox.send({ id: finalDeliveryId(job.address.correlationId), address: job.address, reply, final: true });
}

/** A malformed job may still carry a usable address and language. */
function salvage(data: unknown): Pick<TutorJob, 'command' | 'context' | 'address'> | undefined {
  const partial = jobSchema.pick({ address: true }).safeParse(data);
  if (!partial.success) return undefined;
  const loose = data as { command?: unknown; context?: { locale?: unknown } };
  const locale = jobSchema.shape.context.shape.locale.safeParse(loose.context?.locale);
  const command = jobSchema.shape.command.safeParse(loose.command);
  const { address } = partial.data;
  const context = {
    user: { id: address.userId },
    chat: { id: address.chatId, kind: 'private' as const },
    platform: address.platform,
    locale: locale.success ? locale.data : ('en' as const),
  };
  return { command: command.success ? command.data : 'command', context, address };
}
