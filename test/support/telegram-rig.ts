/**
 * The Telegram adapter wired as `npm start` wires it, against the fake Bot API on 127.0.0.1: the real telegraf client,
 * the real runtime (offline: in-process queue; or BullMQ on the test Redis with in-process workers), a scripted slow
 * model, and intervals shrunk so tests stay fast.
 */
import { TELEGRAM_OUTBOX, TelegramAdapter, type TelegramWebhook } from '../../src/adapters/telegram/index.js';
import type { ReplyPacing } from '../../src/adapters/telegram/replies.js';
import type { SendLimits } from '../../src/adapters/telegram/send-limiter.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { ModelKit } from '../../src/core/model-port.js';
import type { ClassQuizTiming } from '../../src/core/class-quiz/timing.js';
import { type Runtime } from '../../src/main/runtime.js';
import { ready } from '../../src/queue/redis-connection.js';
import { RecordingLogger } from './bull-harness.js';
import { startRigEdge } from './rig-edge.js';
import { FakeTelegram, type FakeTelegramOptions, type StoredMessage } from './fake-telegram/server.js';
import { slowModelKit } from './slow-model-kit.js';

/** Edits paced at 300 ms in private chats and 700 ms in groups instead of 1.1 s and 3.1 s (same ratio of care). */
export const TEST_PACING: ReplyPacing = { privateEditIntervalMs: 300, groupEditIntervalMs: 700 };
/**
 * Telegram's limits scaled down 20×: 30 messages per 50 ms, 50 ms between messages to a chat, 20 per 3 s in a group
 * (best-effort edits up to 15 of them).
 */
export const TEST_LIMITS: SendLimits = { globalMax: 30, globalWindowMs: 50, chatSpacingMs: 50, groupMax: 20, groupWindowMs: 3_000, groupDeferrableMax: 15 };
/** A `retry_after` of 1 s waits 100 ms here. */
export const TEST_RETRY_AFTER_UNIT_MS = 100;

export interface RigOptions {
  /** BullMQ on this Redis (with in-process workers); default: the offline in-process queue. */
  redisUrl?: string | undefined;
  model?: () => Promise<ModelKit>;
  /** Class quiz pacing for the edge and the workers (tests run quizzes faster); default: the production pacing. */
  classQuizTiming?: Partial<ClassQuizTiming>;
  pacing?: ReplyPacing;
  limits?: SendLimits;
  webhook?: TelegramWebhook;
  /** Options of the fake Bot API (drafts' lifetime, methods it does not know). */
  fake?: Pick<FakeTelegramOptions, 'draftTtlMs' | 'unknownMethods'>;
}

export interface TelegramRig {
  fake: FakeTelegram;
  adapter: TelegramAdapter;
  runtime: Runtime;
  /** The BullMQ / Redis key prefix of this rig (with `redisUrl`), for tests that read its queues. */
  prefix: string;
  /** Every outbox delivery the adapter was handed, in order. */
  deliveries: Delivery[];
  logger: RecordingLogger;
  /** Waits until the bot has at least `count` messages in the chat whose latest versions satisfy `ready` (default: any). */
  messages(chatId: number, count: number, options?: { timeoutMs?: number; ready?: (messages: StoredMessage[]) => boolean }): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

export async function startTelegramRig(options: RigOptions = {}): Promise<TelegramRig> {
  const fake = await FakeTelegram.start({ maxPollMs: 5_000, ...options.fake });
  const logger = new RecordingLogger();
  const model = options.model ?? slowModelKit();
  const edge = await startRigEdge({ outbox: 'outbox-telegram-rig-edge', model, redisUrl: options.redisUrl, classQuizTiming: options.classQuizTiming, logger });
  const { runtime, prefix } = edge;

  const adapter = new TelegramAdapter(runtime.tutor, {
    token: fake.token,
    apiRoot: fake.apiRoot,
    webhook: options.webhook,
    logger,
    pacing: options.pacing ?? TEST_PACING,
    sending: { limits: options.limits ?? TEST_LIMITS, retryAfterUnitMs: TEST_RETRY_AFTER_UNIT_MS },
    typing: { refreshMs: 200 },
  });
  const deliveries: Delivery[] = [];
  await runtime.serve('telegram', TELEGRAM_OUTBOX, async (delivery) => {
    deliveries.push(delivery);
    await adapter.deliver(delivery);
  });
  await adapter.start();
  if (options.webhook) fake.routeWebhookTo(`http://127.0.0.1:${options.webhook.port}`);
  else await fake.waitForHeldPoll();

  return {
    fake,
    adapter,
    runtime,
    prefix,
    deliveries,
    logger,
    messages: (chatId, count, { timeoutMs = 10_000, ready: isReady = () => true } = {}) =>
      fake.waitFor(
        () => {
          const sent = fake.botMessages(chatId);
          return sent.length >= count && isReady(sent) ? sent : undefined;
        },
        timeoutMs,
        `${count} bot message(s) in chat ${chatId}`,
      ),
    async close() {
      await adapter.stop();
      await edge.close();
      await fake.close();
    },
  };
}

/** What a reader sees in a message: its text, or a photo's caption. */
export function shown(stored: StoredMessage): string {
  return stored.message.text ?? stored.message.caption ?? '';
}
