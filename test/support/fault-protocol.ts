/**
 * What the fault tests and their child scripts (fault-worker.ts) agree on. No imports from vitest here: the child
 * processes load this file too.
 */

/** An /explain job with this topic is the "slow job": the fault worker announces it, then takes its time. */
export const SLOW_TOPIC = 'fault-slow';

/** The line a fault worker prints on stdout once its BullMQ workers are ready. */
export const readyLine = (pid: number): string => `ready ${pid}`;

/** The line a fault worker prints on stdout when it starts running the slow job. */
export const startedLine = (correlationId: string, pid: number): string => `started ${correlationId} ${pid}`;

/** The line a fault worker prints when its run of the slow job is over, just before the reply goes to the outbox. */
export const finishedLine = (correlationId: string, pid: number): string => `finished ${correlationId} ${pid}`;

/** The text of the slow job's reply: which process ran it to the end. */
export const slowAnswer = (pid: number): string => `slow answer from ${pid}`;

/** `started <correlationId> <pid>` → its parts; undefined for any other line. */
export function parseStarted(line: string): { correlationId: string; pid: number } | undefined {
  const match = /^started (\S+) (\d+)$/.exec(line);
  return match ? { correlationId: match[1]!, pid: Number(match[2]) } : undefined;
}
