import type { QueueName } from './command.js';
import { t } from './i18n.js';
import type { Platform } from './invocation.js';
import type { Locale } from './locale.js';
import type { JobSubmitter } from './ports.js';
import type { Reply } from './reply.js';
import { localize } from './reply-format.js';

/**
 * How long a queued job may wait before the tutor checks that a worker is connected at all. A running worker takes a
 * job within milliseconds; without one the student would otherwise hear nothing until the reply timeout (20 s and more).
 */
export const NO_WORKER_CHECK_MS = 1_500;

/**
 * Calls `onNone` once if, NO_WORKER_CHECK_MS after submitting, the job still waits and no worker listens on its
 * queue. Returns a function that stops the watch (the reply came, the user gave up). A failed check says nothing:
 * the reply timeout still speaks for a job nobody answers.
 */
export function watchForWorker(submitter: Pick<JobSubmitter, 'unattended'>, job: { queue: QueueName; jobId: string }, onNone: () => void): () => void {
  if (!submitter.unattended) return () => undefined;
  let stopped = false;
  const timer = setTimeout(() => {
    void submitter
      .unattended?.(job.queue, job.jobId)
      .then((none) => {
        if (none && !stopped) onNone();
      })
      .catch(() => undefined);
  }, NO_WORKER_CHECK_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** What the student reads: at a terminal (its owner runs the workers) the fix; in a chat, that the question waits. */
export function noWorkerNotice(command: string, locale: Locale, platform: Platform): Reply {
  return localize({ command, locale, text: t(locale, platform === 'terminal' ? 'queue.noWorker' : 'queue.noWorkerChat'), buttons: [] });
}
