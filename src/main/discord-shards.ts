/**
 * `npm start` with DISCORD_SHARDS (a count, or `auto`): the Discord shard manager. It asks Discord how many shards
 * the bot needs (`GET /gateway/bot`, for `auto`, and the identify concurrency), then runs discord.js's
 * ShardingManager: one child process per shard, each this same entry point with DISCORD_SHARD_IDS=<id> and
 * DISCORD_SHARD_COUNT=<count> — an ordinary bot process with its own runtime and its own gateway connection, reading
 * the shared Discord outbox. Any child may deliver any reply (the interaction token or channel in the reply's route,
 * and the stream ledger in Redis, say where it goes), so a child that dies loses no reply: the others take its outbox
 * jobs once their locks lapse, and the manager starts it again.
 *
 * Telegram, when configured, is served here by the manager and by no child: one process must hold Telegram's one
 * poller (or the webhook port), and the manager is the one process there is exactly one of — a child is respawned
 * at any time, and 2 children would both start it.
 */
import type { ChildProcess } from 'node:child_process';
import { ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import { DISCORD_TOKEN_REFUSED } from '../adapters/discord/adapter.js';
import type { Config } from '../config/config.js';
import type { ComponentHealth } from '../core/ports.js';

/** Discord lets `max_concurrency` shards identify per 5 s; a spawn every 5.5 s / max_concurrency keeps inside it. */
export const IDENTIFY_WINDOW_MS = 5_500;
/** How long a child may take to start (runtime, content, gateway) before the manager gives up on it. */
export const SHARD_READY_TIMEOUT_MS = 120_000;
/** A child killed by a signal is started again after this pause. */
export const SHARD_RESPAWN_DELAY_MS = 1_000;

/** What Discord's GET /gateway/bot says about this bot. */
export interface GatewayBot {
  /** The shard count Discord recommends (one per ~1,000 servers; at most 2,500 servers per shard are allowed). */
  shards: number;
  /** Shards that may identify in the same 5 s window. */
  maxConcurrency: number;
}

/** GET /gateway/bot through the configured REST base (discord.js's own `auto` would always ask discord.com). */
export async function fetchGatewayBot(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_REST_API'>): Promise<GatewayBot> {
  const api = (config.DISCORD_REST_API ?? 'https://discord.com/api').replace(/\/+$/, '');
  const response = await fetch(`${api}/v10/gateway/bot`, { headers: { Authorization: `Bot ${config.DISCORD_TOKEN ?? ''}` } });
  if (response.status === 401) throw new Error(DISCORD_TOKEN_REFUSED);
  if (!response.ok) throw new Error(`Discord answered GET /gateway/bot with HTTP ${response.status}`);
  const body = (await response.json()) as { shards?: unknown; session_start_limit?: { max_concurrency?: unknown } };
  const shards = Number(body.shards);
  const maxConcurrency = Number(body.session_start_limit?.max_concurrency ?? 1);
  return { shards: Number.isInteger(shards) && shards >= 1 ? shards : 1, maxConcurrency: Number.isInteger(maxConcurrency) && maxConcurrency >= 1 ? maxConcurrency : 1 };
}

/**
 * A child's environment: its shard (DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT, which its config reads), no
 * DISCORD_SHARDS (it is no manager) and no Telegram (the manager serves it). With OPS_PORT, child `id` listens on
 * OPS_PORT + 1 + id, so every process keeps its own /healthz and /metrics.
 */
export function shardChildEnv(inherited: Record<string, string | undefined>, id: number, count: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value === undefined || name === 'DISCORD_SHARDS' || name.startsWith('TELEGRAM_')) continue;
    env[name] = value;
  }
  env['DISCORD_SHARD_IDS'] = String(id);
  env['DISCORD_SHARD_COUNT'] = String(count);
  const opsPort = Number(inherited['OPS_PORT'] ?? '');
  if (inherited['OPS_PORT'] && Number.isInteger(opsPort)) env['OPS_PORT'] = String(opsPort + 1 + id);
  return env;
}

export interface ShardManagerOptions {
  /** The script every child runs (this entry point: `process.argv[1]`). */
  entry: string;
  logger: Logger;
  /** A child gave up for good (it exited with a non-zero code: a refused token, a bad setting): stop everything. */
  onFatal: (reason: string) => void;
  /** On stop, how long each child may drain after SIGTERM before it is killed. */
  stopTimeoutMs: number;
}

export interface RunningShards {
  count: number;
  /** Each shard's child: ready (its gateway session is up), or not (starting again, reconnecting). */
  health(): Record<string, ComponentHealth>;
  /** SIGTERM to every child (SIGKILL after `stopTimeoutMs`), resolved once all have exited. */
  stop(): Promise<void>;
}

/**
 * Spawns the shards one after the other, each ready before the next (spaced for Discord's identify limit), and keeps
 * them running: a child killed by a signal (OOM killer, kill -9) is started again; one that exits with a code said
 * why on stderr, and the manager stops (exit 1) as a lone bot process would.
 */
export async function startShardManager(config: Config, options: ShardManagerOptions): Promise<RunningShards> {
  const { logger } = options;
  const gateway = await fetchGatewayBot(config);
  const count = config.DISCORD_SHARDS === 'auto' || config.DISCORD_SHARDS === undefined ? gateway.shards : config.DISCORD_SHARDS;
  const manager = new ShardingManager(options.entry, {
    totalShards: count,
    token: config.DISCORD_TOKEN,
    // Children run .ts through tsx like this process: the same node flags.
    execArgv: process.execArgv,
    // Respawning is decided here (a child that exits with an error must not be restarted in a loop).
    respawn: false,
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    shard.env = shardChildEnv(shard.env as Record<string, string | undefined>, shard.id, count);
    shard.on('death', (child) => {
      if (stopping) return;
      const { exitCode, signalCode } = child as ChildProcess;
      if (exitCode !== null && exitCode !== 0) {
        options.onFatal(`discord shard ${shard.id} of ${count} exited with code ${exitCode}`);
        return;
      }
      logger.warn({ shard: shard.id, signal: signalCode, exitCode }, 'discord shard stopped; starting it again');
      setTimeout(() => {
        if (!stopping) shard.spawn(SHARD_READY_TIMEOUT_MS).catch((error: unknown) => logger.error({ shard: shard.id, err: error }, 'discord shard did not start again'));
      }, SHARD_RESPAWN_DELAY_MS);
    });
  });
  logger.info({ shards: count, recommended: gateway.shards, maxConcurrency: gateway.maxConcurrency }, 'discord shard manager: spawning shards');
  const stop = async () => {
    stopping = true;
    await Promise.all([...manager.shards.values()].map((shard) => stopChild(shard.process, options.stopTimeoutMs)));
  };
  try {
    await manager.spawn({ amount: count, delay: Math.ceil(IDENTIFY_WINDOW_MS / gateway.maxConcurrency), timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ shards: count }, 'discord shard manager: every shard is ready');
  const health = () => Object.fromEntries([...manager.shards.values()].map((shard) => [`shard ${shard.id}`, { ok: shard.ready, state: shard.ready ? 'ready' : shard.process ? 'connecting' : 'stopped' }]));
  return { count, health, stop };
}

async function stopChild(child: ChildProcess | null, timeoutMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * In a child of the manager: when the manager is gone (its IPC channel closed: killed, crashed), stop as on SIGTERM.
 * An orphan would keep its shard's session while a new manager starts another child for the same shard.
 */
export function stopWithManager(): void {
  if (!process.send || !process.env['SHARDING_MANAGER']) return;
  process.once('disconnect', () => {
    // discord.js's shard helper reports gateway events to the manager; with the channel closed those sends fail.
    process.on('error', () => undefined);
    process.kill(process.pid, 'SIGTERM');
  });
}
