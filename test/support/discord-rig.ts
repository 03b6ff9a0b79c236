/**
 * The Discord adapter wired as `npm start` would wire it, against the fake Discord on 127.0.0.1: the real discord.js
 * client, the real runtime (offline in-process queue, or BullMQ on the test Redis with in-process workers), a
 * scripted model, and a short edit interval. Records when jobs are submitted (to check the deferral came first)
 * and when each final reply has been sent.
 */
import { performance } from 'node:perf_hooks';
import { DiscordAdapter, DISCORD_OUTBOX, type DiscordAdapterOptions } from '../../src/adapters/discord/index.js';
import { DiscordSender } from '../../src/adapters/discord/sender.js';
import type { DiscordRoute } from '../../src/adapters/discord/route.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { GenerationResult, ModelKit } from '../../src/core/model-port.js';
import type { ClassQuizTiming } from '../../src/core/class-quiz/timing.js';
import type { Reply } from '../../src/core/reply.js';
import { type Runtime } from '../../src/main/runtime.js';
import { BullJobSubmitter } from '../../src/queue/bullmq.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { RecordingLogger } from './bull-harness.js';
import { startRigEdge } from './rig-edge.js';
import { FakeDiscord, type FakeDiscordOptions, type FakeInteraction } from './fake-discord/index.js';
import { slowModelKit } from './slow-model-kit.js';

/** Streamed edits every 200 ms instead of 1 s: same pacing logic, faster tests. */
export const TEST_EDIT_INTERVAL_MS = 200;

export interface DiscordRigOptions {
  redisUrl?: string | undefined;
  model?: () => Promise<ModelKit>;
  /** Class quiz pacing for the edge and the workers (tests run quizzes faster); default: the production pacing. */
  classQuizTiming?: Partial<ClassQuizTiming>;
  editIntervalMs?: number;
  fake?: FakeDiscordOptions;
  /** Adapter options on top of the rig's (the fake's origin is always a trusted attachment origin). */
  adapter?: Partial<DiscordAdapterOptions>;
}

export interface FinishedReply {
  at: number;
  reply: Reply;
  route: DiscordRoute;
}

export interface DiscordRig {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  runtime: Runtime;
  /** The BullMQ / Redis key prefix of this rig (with `redisUrl`), for tests that add outbox deliveries themselves. */
  prefix: string;
  logger: RecordingLogger;
  deliveries: Delivery[];
  /** performance.now() of every job submission, in order (the fake records on the same clock). */
  submissions: number[];
  /** Final replies the adapter finished sending, by interaction token, and by stream key (correlation id). */
  finished: Map<string, FinishedReply>;
  /** Pushes an interaction and waits (bounded) until the adapter has sent its final reply. */
  answer(partial: Record<string, unknown>, timeoutMs?: number): Promise<{ interaction: FakeInteraction; finished: FinishedReply }>;
  close(): Promise<void>;
}

// Recording hooks on the prototypes, installed once per process; each rig reads the shared records it owns.
const submissions: number[] = [];
const finished = new Map<string, FinishedReply>();
let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  for (const prototype of [InProcessQueue.prototype, BullJobSubmitter.prototype]) {
    const submit = prototype.submit;
    prototype.submit = function (this: unknown, ...args: Parameters<typeof submit>) {
      submissions.push(performance.now());
      return submit.apply(this as never, args);
    };
  }
  const final = DiscordSender.prototype.final;
  DiscordSender.prototype.final = async function (this: DiscordSender, key: string, route: DiscordRoute, reply: Reply) {
    const outcome = await final.call(this, key, route, reply);
    const done = { at: performance.now(), reply, route };
    if (route.token) finished.set(route.token, done);
    finished.set(key, done);
    return outcome;
  };
}

export async function startDiscordRig(options: DiscordRigOptions = {}): Promise<DiscordRig> {
  installHooks();
  submissions.length = 0;
  finished.clear();
  const fake = await new FakeDiscord(options.fake).start();
  const logger = new RecordingLogger();
  const model = options.model ?? slowModelKit();
  const edge = await startRigEdge({ outbox: 'outbox-discord-rig-edge', model, redisUrl: options.redisUrl, classQuizTiming: options.classQuizTiming, logger });
  const { runtime, prefix } = edge;

  const adapter = new DiscordAdapter(runtime.tutor, {
    token: fake.token,
    appId: fake.appId,
    restApi: fake.api,
    logger,
    editIntervalMs: options.editIntervalMs ?? TEST_EDIT_INTERVAL_MS,
    attachmentOrigins: [new URL(fake.api).origin],
    ...options.adapter,
  });
  const deliveries: Delivery[] = [];
  await runtime.serve('discord', DISCORD_OUTBOX, async (delivery) => {
    deliveries.push(delivery);
    await adapter.deliver(delivery);
  });
  await adapter.start();

  return {
    fake,
    adapter,
    runtime,
    prefix,
    logger,
    deliveries,
    submissions,
    finished,
    async answer(partial, timeoutMs = 10_000) {
      const interaction = fake.interact(partial);
      await fake.waitUntil(() => finished.has(interaction.token), timeoutMs);
      return { interaction, finished: finished.get(interaction.token)! };
    },
    async close() {
      await adapter.stop();
      await edge.close();
      await fake.close();
    },
  };
}

/** Hostile model output, long enough to need three messages: mentions, masked links, fences, headings. */
export const HOSTILE_MODEL_TEXT = Array.from(
  { length: 12 },
  (_, i) => `# para ${i} @everyone @here <@123> <@&456> [click](http://example.com) \`\`\`js\nalert(1)\n\`\`\` ||spoiler|| ${'word '.repeat(60)}\n\n`,
).join('');

/** A model whose "tokens" are whole chunks of HOSTILE_MODEL_TEXT, streamed every `stepMs`. */
export function longModelKit(stepMs = 30): () => Promise<ModelKit> {
  const base = slowModelKit();
  return async () => {
    const kit = await base();
    const chunks = HOSTILE_MODEL_TEXT.match(/[\s\S]{1,400}/g) ?? [];
    return {
      ...kit,
      generator: {
        modelName: 'scripted-long',
        async generate(_request, onText): Promise<GenerationResult> {
          for (let i = 1; i <= chunks.length; i++) {
            await new Promise((resolve) => setTimeout(resolve, stepMs));
            onText?.(chunks.slice(0, i).join(''));
          }
          return { text: HOSTILE_MODEL_TEXT, newTokens: chunks.length, promptTrimmed: false, steps: [{ chosen: chunks[0]!, candidates: [{ text: chunks[0]!, probability: 1 }] }], stoppedBy: 'max_new_tokens' };
        },
      },
    };
  };
}
