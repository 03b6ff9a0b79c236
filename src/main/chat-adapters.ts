import type { Logger } from 'pino';
import { DISCORD_OUTBOX, DiscordAdapter } from '../adapters/discord/index.js';
import { TELEGRAM_OUTBOX, TelegramAdapter } from '../adapters/telegram/index.js';
import type { Config } from '../config/config.js';
import type { Runtime } from './runtime.js';

/** A chat adapter serving its platform, and how to stop it. */
export interface RunningAdapter {
  platform: 'telegram' | 'discord';
  stop(): Promise<void>;
}

export interface ChatAdapterOptions {
  /**
   * An adapter gave up for good (a revoked token, a gateway that will not take the bot): the process should stop and
   * exit non-zero. The reason is one line without secrets. Without it, the adapter only logs.
   */
  onFatal?: (platform: RunningAdapter['platform'], reason: string) => void;
  /** Each adapter is added here as soon as it has started, so a fatal stop mid-start stops those already running. */
  running?: RunningAdapter[];
}

/**
 * Starts the adapter of every platform whose credentials are configured. Each reads its own outbox, so replies to a
 * platform's commands (and messages workers start, like a class quiz's next question) reach the process that can
 * send them.
 */
export async function startChatAdapters(runtime: Runtime, config: Config, logger: Logger, options: ChatAdapterOptions = {}): Promise<RunningAdapter[]> {
  const running = options.running ?? [];
  const onFatal = (platform: RunningAdapter['platform']) => (reason: string) => {
    if (options.onFatal) options.onFatal(platform, reason);
    else logger.error({ platform, reason }, 'chat adapter stopped for good');
  };
  if (config.TELEGRAM_TOKEN) {
    const telegram = new TelegramAdapter(runtime.tutor, {
      token: config.TELEGRAM_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhook: config.TELEGRAM_WEBHOOK_URL
        ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET ?? '', port: config.TELEGRAM_WEBHOOK_PORT }
        : undefined,
      logger: logger.child({ platform: 'telegram' }),
      onFatal: onFatal('telegram'),
    });
    await runtime.serve('telegram', TELEGRAM_OUTBOX, (delivery) => telegram.deliver(delivery));
    await telegram.start();
    logger.info({ mode: config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling' }, 'telegram adapter started');
    running.push({ platform: 'telegram', stop: () => telegram.stop() });
  }
  if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
    const discord = new DiscordAdapter(runtime.tutor, {
      token: config.DISCORD_TOKEN,
      appId: config.DISCORD_APP_ID,
      restApi: config.DISCORD_REST_API,
      logger: logger.child({ platform: 'discord' }),
      onFatal: onFatal('discord'),
    });
    await runtime.serve('discord', DISCORD_OUTBOX, (delivery) => discord.deliver(delivery));
    await discord.start();
    logger.info('discord adapter started');
    running.push({ platform: 'discord', stop: () => discord.stop() });
  }
  return running;
}
