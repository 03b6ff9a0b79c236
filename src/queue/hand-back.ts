import { WaitingError, type Job } from 'bullmq';

/**
 * The last step of a worker's SIGTERM drain: the jobs still running when the bound passes are moved back to their
 * queue (BullMQ's moveToWait with each job's lock token, then WaitingError, so BullMQ neither completes nor fails it),
 * so another worker starts them at once instead of after their lock expires (WORKER_LOCK_MS). The runs given up on
 * go on until the process exits, silenced (`happened`): the job's new run answers, with "another worker started over".
 */
export class HandBack {
  private trigger: () => void = () => undefined;
  private readonly signal = new Promise<void>((resolve) => (this.trigger = resolve));
  private triggered = false;
  /** Jobs moved back to their queue so far. */
  handedBack = 0;

  get happened(): boolean {
    return this.triggered;
  }

  /** Every job in hand goes back to its queue now (and any started from now on). */
  now(): void {
    this.triggered = true;
    this.trigger();
  }

  /** `work`'s result; or, when `now()` comes first, the job moved back to its queue and WaitingError thrown. */
  async race<T>(job: Job, token: string | undefined, work: Promise<T>): Promise<T> {
    // A run given up on may still fail later: nobody waits for it then.
    work.catch(() => undefined);
    const handedBack = Symbol('handed back');
    const first = await Promise.race([work, this.signal.then(() => handedBack)]);
    if (first !== handedBack) return first as T;
    await job.moveToWait(token);
    this.handedBack += 1;
    throw new WaitingError();
  }
}
