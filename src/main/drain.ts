/**
 * What SIGTERM does in each process (docker compose sends it, then SIGKILL after stop_grace_period, 30 s):
 * - a worker stops taking jobs, lets those in hand finish within WORKER_DRAIN_MS, hands the rest back to the queue
 *   for another worker, and closes;
 * - a bot stops taking updates, goes on delivering the replies to the commands it took until each has its final
 *   reply or BOT_DRAIN_MS has passed (counted from the signal), and closes; a reply still due then stays in the outbox
 *   for the next bot process.
 * One log line per phase.
 */
import type { ChatAdapter, Logger } from '../core/ports.js';
import type { BullWorkers } from '../queue/bullmq.js';
import type { Runtime } from './runtime.js';

/** What closing queues and connections may take after a drain, before the process exits anyway (onShutdown's bound). */
export const SHUTDOWN_MARGIN_MS = 4_000;
/** How often a bot's drain looks whether its commands have their finals. */
const DRAIN_CHECK_MS = 50;

export async function drainWorkers(workers: BullWorkers, drainMs: number, logger: Logger): Promise<void> {
  logger.info({ jobsInHand: workers.jobsInHand, drainMs }, 'stopping: taking no new jobs, finishing the jobs in hand');
  const { handedBack } = await workers.drain(drainMs);
  if (handedBack > 0) logger.warn({ handedBack, drainMs }, 'stopping: jobs still running at the bound were handed back to the queue for another worker');
  else logger.info({}, 'stopping: every job in hand finished');
  await workers.close();
  logger.info({}, 'stopped');
}

export async function drainBot(parts: { adapters: readonly ChatAdapter[]; runtime: Runtime }, drainMs: number, logger: Logger): Promise<void> {
  const deadline = Date.now() + drainMs;
  const { adapters, runtime } = parts;
  logger.info({ platforms: adapters.map((adapter) => adapter.platform), drainMs }, 'stopping: taking no new updates');
  await Promise.all(adapters.map((adapter) => adapter.stop()));
  logger.info({ unanswered: runtime.unanswered() }, 'stopping: delivering the replies still on their way');
  while (runtime.unanswered() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
  const unanswered = runtime.unanswered();
  if (unanswered > 0) logger.warn({ unanswered, drainMs }, 'stopping: the drain bound passed; the replies still due stay in the outbox for the next bot process');
  else logger.info({}, 'stopping: every command taken has its final reply');
  // Closing the outbox consumers waits for the renders in progress (the last finals).
  await runtime.close();
  logger.info({}, 'stopped');
}
