/**
 * bench:queue's serial figures: the latency of one command at a time through `Tutor.handle`, where that time goes
 * (BullMQ's own timestamps), and the /explain work by itself (the processor in-process, no queue).
 */
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import type { RedisClient } from '../../src/queue/redis-connection.js';
import { finalDeliveryId } from '../../src/core/delivery.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { createJobProcessor } from '../../src/core/processor.js';
import { newCorrelationId } from '../../src/core/tutor.js';
import type { Runtime } from '../../src/main/runtime.js';
import { createServices } from '../../src/main/create-services.js';
import { MemoryStore } from '../../src/state/memory.js';
import { sink } from './queue-sink.js';
import { askerFor, BURST_LINES, OUTBOX, percentile, round, SERIAL_ASKER, SERIAL_LINE, USER_LOCALES } from './queue-workload.js';

const WORK_ONLY_ROUNDS = 2_000;

export async function serialLatency(runtime: Runtime, rounds: number, warmup: number): Promise<{ p50: number; p99: number; mean: number }> {
  const invocation = runtime.tutor.readText(SERIAL_LINE, SERIAL_ASKER);
  for (let i = 0; i < warmup; i++) await runtime.tutor.handle(invocation);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const reply = await runtime.tutor.handle(invocation);
    samples.push(performance.now() - t0);
    if (reply.error || reply.topic !== 'attention') throw new Error(`unexpected reply: ${JSON.stringify(reply).slice(0, 300)}`);
  }
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), mean };
}

/**
 * The burst's work by itself: the job processor called directly (memory state, no queue) on the burst's commands,
 * one at a time. What each command costs a worker before any queue or Redis is involved.
 */
export async function workOnly(offline: Runtime): Promise<{ ms_per_command: number; cpu_ms_per_command: number }> {
  const processor = createJobProcessor(createServices(new MemoryStore(), 'en'));
  const jobs: TutorJob[] = [];
  for (let index = 0; index < BURST_LINES.length * USER_LOCALES.length * 4; index++) {
    const asker = askerFor(index);
    const line = BURST_LINES[index % BURST_LINES.length]!;
    const locale = await offline.tutor.localeFor(asker);
    const address = { platform: asker.platform, chatId: asker.chat.id, userId: asker.user.id, correlationId: 'bench-work-only', outbox: OUTBOX };
    jobs.push({ command: 'explain', args: { topic: line.slice('/explain '.length) }, context: { ...asker, locale }, address });
  }
  for (let i = 0; i < WORK_ONLY_ROUNDS / 5; i++) await processor(jobs[i % jobs.length]!);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < WORK_ONLY_ROUNDS; i++) await processor(jobs[i % jobs.length]!);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms_per_command: round(wall / WORK_ONLY_ROUNDS), cpu_ms_per_command: round((cpu.user + cpu.system) / 1000 / WORK_ONLY_ROUNDS) };
}

/**
 * Where a serial command's time goes, from the timestamps BullMQ keeps (Date.now() of each process, 1 ms steps, so
 * means are more telling than medians): the edge before the add, the wait until a worker takes the job, the worker's
 * run until the reply is in the outbox, the wait until the outbox consumer takes it, and the render.
 */
export async function serialBreakdown(runtime: Runtime, admin: RedisClient, prefix: string, rounds: number) {
  const invocation = runtime.tutor.readText(SERIAL_LINE, SERIAL_ASKER);
  const samples: { jobId: string; correlationId: string; start: number; rendered: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const correlationId = newCorrelationId();
    const rendered = new Promise<number>((resolve) => sink.serial.set(correlationId, resolve));
    const start = Date.now();
    const outcome = await runtime.tutor.dispatch(invocation, { correlationId });
    if (outcome.kind !== 'queued') throw new Error('serial command refused');
    samples.push({ jobId: outcome.jobId, correlationId, start, rendered: await rendered });
  }
  const jobs = new Queue('fast', { connection: admin, prefix });
  const outbox = new Queue(OUTBOX, { connection: admin, prefix });
  const segments: Record<string, number[]> = { edge_until_added: [], until_worker_takes_it: [], worker_until_reply_in_outbox: [], until_consumer_takes_it: [], consumer_until_rendered: [], total: [] };
  for (const sample of samples) {
    const job = await jobs.getJob(sample.jobId);
    const delivery = await outbox.getJob(finalDeliveryId(sample.correlationId));
    if (!job?.processedOn || !delivery?.processedOn) continue;
    segments['edge_until_added']!.push(job.timestamp - sample.start);
    segments['until_worker_takes_it']!.push(job.processedOn - job.timestamp);
    segments['worker_until_reply_in_outbox']!.push(delivery.timestamp - job.processedOn);
    segments['until_consumer_takes_it']!.push(delivery.processedOn - delivery.timestamp);
    segments['consumer_until_rendered']!.push(sample.rendered - delivery.processedOn);
    segments['total']!.push(sample.rendered - sample.start);
  }
  await Promise.all([jobs.close(), outbox.close()]);
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 2);
  return { sample_commands: segments['total']!.length, mean_ms: Object.fromEntries(Object.entries(segments).map(([name, values]) => [name, mean(values)])) };
}
