import type { Logger } from 'pino';
import { DiscordAdapter, type DiscordShards } from '../adapters/discord/index.js';
import { TelegramAdapter } from '../adapters/telegram/index.js';
import type { Config } from '../config/config.js';
import type { TutorMetrics } from '../core/metrics.js';
import type { ChatAdapter } from '../core/ports.js';
import type { Tutor } from '../core/tutor.js';
import type { ReplicaState } from '../adapters/chat/replica-state.js';
import type { Runtime } from './runtime.js';

/** A platform the bot process can serve: whether its configuration is there, and how to make its adapter. */
export interface ChatPlatform {
  platform: ChatAdapter['platform'];
  /** Its credentials are set (the configuration's own check has made sure they come complete). */
  configured(config: Config): boolean;
  /**
   * `onFatal`: the adapter gave up for good after it started (the reason is one line without secrets);
   * `onRateLimited`: the platform answered 429 (for /metrics).
   */
  create(tutor: Tutor, config: Config, logger: Logger, onFatal: (reason: string) => void, replicas?: ReplicaState, onRateLimited?: () => void): ChatAdapter;
  /** What the "adapter started" log line says besides the platform. */
  startedFields?(config: Config): object;
}

/** Every chat platform, in the order they start. */
export const CHAT_PLATFORMS: readonly ChatPlatform[] = [
  {
    platform: 'telegram',
    configured: (config) => Boolean(config.TELEGRAM_TOKEN),
    create: (tutor, config, logger, onFatal, replicas, onRateLimited) =>
      new TelegramAdapter(tutor, {
        token: config.TELEGRAM_TOKEN!,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhook: config.TELEGRAM_WEBHOOK_URL
          ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET ?? '', port: config.TELEGRAM_WEBHOOK_PORT }
          : undefined,
        logger,
        onFatal,
        replicas,
        onRateLimited,
      }),
    startedFields: (config) => ({ mode: config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling' }),
  },
  {
    platform: 'discord',
    configured: (config) => Boolean(config.DISCORD_TOKEN && config.DISCORD_APP_ID),
    create: (tutor, config, logger, onFatal, replicas, onRateLimited) =>
      new DiscordAdapter(tutor, { token: config.DISCORD_TOKEN!, appId: config.DISCORD_APP_ID!, restApi: config.DISCORD_REST_API, logger, onFatal, onRateLimited, replicas, shards: discordShardsOf(config) }),
    startedFields: (config) => (config.DISCORD_SHARD_COUNT === undefined ? {} : { shards: discordShardsOf(config) }),
  },
];

/** The shards this process connects: DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT (all of them when no ids are listed). */
export function discordShardsOf(config: Config): DiscordShards | undefined {
  const count = config.DISCORD_SHARD_COUNT;
  if (count === undefined) return undefined;
  return { ids: config.DISCORD_SHARD_IDS ?? Array.from({ length: count }, (_, id) => id), count };
}

export interface ChatAdapterOptions {
  /**
   * An adapter gave up for good (a revoked token, a gateway that will not take the bot): the process should stop and
   * exit non-zero. The reason is one line without secrets. Without it, the adapter only logs.
   */
  onFatal?: (platform: ChatAdapter['platform'], reason: string) => void;
  /** Each adapter is added here as soon as it has started, so a fatal stop mid-start stops those already running. */
  running?: ChatAdapter[];
  /** The platforms to consider (default CHAT_PLATFORMS); tests pass their own. */
  platforms?: readonly ChatPlatform[];
  /** Counts each platform's 429s (for /metrics). */
  metrics?: Pick<TutorMetrics, 'platformRateLimited'>;
}

/**
 * Starts the adapter of every platform whose credentials are configured, one after the other. Each reads its own
 * outbox, so replies to a platform's commands (and messages workers start, like a class quiz's next question) reach
 * the process that can send them; the outbox is read before the adapter takes its first command.
 */
export async function startChatAdapters(runtime: Pick<Runtime, 'tutor' | 'serve' | 'replicaState'>, config: Config, logger: Logger, options: ChatAdapterOptions = {}): Promise<ChatAdapter[]> {
  const running = options.running ?? [];
  for (const entry of options.platforms ?? CHAT_PLATFORMS) {
    if (!entry.configured(config)) continue;
    const { platform } = entry;
    const onFatal = (reason: string) => {
      if (options.onFatal) options.onFatal(platform, reason);
      else logger.error({ platform, reason }, 'chat adapter stopped for good');
    };
    const onRateLimited = () => options.metrics?.platformRateLimited(platform);
    const adapter = entry.create(runtime.tutor, config, logger.child({ platform }), onFatal, runtime.replicaState?.(platform), onRateLimited);
    await runtime.serve(platform, adapter.outbox, (delivery) => adapter.deliver(delivery));
    await adapter.start();
    logger.info(entry.startedFields?.(config) ?? {}, `${platform} adapter started`);
    running.push(adapter);
  }
  return running;
}
