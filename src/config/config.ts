import { z } from 'zod';
import { LOCALES } from '../core/locale.js';
import { MAX_REDIS_SEED_NODES, parseHostPorts } from './redis-topology.js';

// An empty variable (common in .env files and compose) means "not set".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const secret = optional(z.string().trim().min(1, 'must not be empty'));
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL');
const hostPorts = z.string().refine((list) => 'nodes' in parseHostPorts(list) && list.split(',').length <= MAX_REDIS_SEED_NODES, `a comma-separated list of host:port (at most ${MAX_REDIS_SEED_NODES}), e.g. 10.0.0.1:26379,10.0.0.2:26379`);
const flag = z.preprocess((value) => (value === '' || value === undefined ? undefined : String(value).toLowerCase()), z.enum(['true', 'false', '1', '0']).optional()).transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'));
/** Far above what any bot needs (Discord asks for a shard per 1,000–2,500 servers); catches a typo's extra digits. */
export const MAX_DISCORD_SHARDS = 10_000;
const shardsOrAuto = z
  .string()
  .trim()
  .regex(/^(auto|[1-9]\d{0,4})$/, 'a number of shards (1, 2, …) or auto (what Discord recommends)')
  .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
  .refine((value) => value === 'auto' || value <= MAX_DISCORD_SHARDS, `at most ${MAX_DISCORD_SHARDS} shards`);
const shardIds = z
  .string()
  .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'comma-separated shard ids, e.g. 0,1')
  .transform((list) => [...new Set(list.split(',').map((id) => Number(id.trim())))].sort((a, b) => a - b));
const count = (fallback: number) => z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(64).default(fallback));

/**
 * A REDIS_URL's path is empty or a database number: `/0`, `/15`. Whether the server has that database only Redis
 * knows (start-up checks it). A URL the WHATWG parser rejects is left to ioredis, which says what is wrong.
 */
function hasDatabaseNumber(url: string): boolean {
  try {
    return /^\/?(\d{1,9})?$/.test(new URL(url).pathname);
  } catch {
    return true;
  }
}

const configSchema = z.object({
  DEFAULT_LANG: optional(z.enum(LOCALES)).default('en'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  // Log lines: `pretty` (coloured, one line each) when stderr is a terminal, JSON for collectors otherwise.
  LOG_FORMAT: optional(z.enum(['json', 'pretty'])),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').refine(hasDatabaseNumber, 'the database after the host must be a number (redis://host:6379/0); ioredis would use database 0 for anything else')),
  // Sentinel instead of one server: the sentinels to ask and the name of the master group they watch.
  REDIS_SENTINELS: optional(hostPorts),
  REDIS_SENTINEL_NAME: optional(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'the master group name from sentinel.conf (letters, digits, . _ -)')),
  REDIS_SENTINEL_PASSWORD: secret,
  // Cluster instead of one server: some of its nodes (the rest are discovered).
  REDIS_CLUSTER_NODES: optional(hostPorts),
  // Credentials and TLS of the data nodes with Sentinel or Cluster (REDIS_URL carries its own: rediss://user:pw@…).
  REDIS_USERNAME: optional(z.string().regex(/^[^\s:@]{1,128}$/, 'an ACL user name without spaces, : or @')),
  REDIS_PASSWORD: secret,
  REDIS_TLS: flag,
  // Replicas that must hold a class-quiz answer before its "recorded" is shown (WAIT); 0 turns it off.
  REDIS_WAIT_REPLICAS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(8).default(1)),
  REDIS_WAIT_TIMEOUT_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(10).max(10_000).default(500)),
  QUEUE_PREFIX: optional(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only (1–40)')).default('gpt-tutor'),
  WORKER_FAST_CONCURRENCY: count(8),
  // Model jobs run at once per worker: concurrent /generate jobs share forward passes (micro-batching).
  WORKER_MODEL_CONCURRENCY: count(8),
  // Weights of the tutor's own GPT: int8 (smaller, faster) or fp32 (and of MODEL, which may also offer q4).
  MODEL_DTYPE: optional(z.enum(['q8', 'fp32', 'q4'])).default('q8'),
  // The ONNX runtime: native (onnxruntime-node) or wasm (onnxruntime-web from node_modules).
  INFERENCE_BACKEND: optional(z.enum(['native', 'wasm'])).default('native'),
  // Optional instruct model (hub id such as onnx-community/Qwen2.5-0.5B-Instruct, or a folder) for /explain answers.
  // `none` turns it off (docker compose defaults to a hub model).
  MODEL: z.preprocess((value) => (value === '' || value === 'none' ? undefined : value), z.string().trim().regex(/^[\w./~-]{1,200}$/, 'a hub id (org/name), a folder path, or none').optional()),
  MODEL_HUB_URL: optional(httpUrl).default('https://huggingface.co/'),
  // onnxruntime threads of MODEL's session (default: every core; a 0.5B model's step uses them). The shipped tiny GPT keeps 1.
  MODEL_THREADS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(64).optional()),
  MODEL_CACHE_DIR: optional(z.string().min(1).max(500)),
  // How fast a job whose worker died is taken over (BullMQ lock and stall check).
  WORKER_LOCK_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(500).max(600_000).default(10_000)),
  WORKER_STALLED_CHECK_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(250).max(600_000).default(5_000)),
  // Class quizzes: time to press Join before the first question, and to read a reveal before the next question.
  QUIZ_LOBBY_SECONDS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(300).default(15)),
  QUIZ_REVEAL_SECONDS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(120).default(8)),
  // With REDIS_URL: a named terminal session, held by one live terminal; a restarted terminal with the same name gets
  // the replies still on their way. Unset: each terminal has a session (and outbox) of its own.
  TERMINAL_SESSION: optional(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only (1–40)')),
  // The optional Bull Board dashboard (`npm run dashboard`): loopback by default, it has no login.
  DASHBOARD_HOST: optional(z.string().min(1).max(255)).default('127.0.0.1'),
  DASHBOARD_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(65_535).default(3000)),
  // /healthz and /metrics of this process (bot or worker); unset: no server. Loopback by default: a scraper in
  // another container needs OPS_HOST=0.0.0.0 (the endpoints hold no secret, but need not face the internet).
  OPS_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(65_535).optional()),
  OPS_HOST: optional(z.string().min(1).max(255)).default('127.0.0.1'),
  // SIGTERM: how long a worker lets its jobs in hand finish before handing the rest back to the queue, and how long
  // a bot goes on delivering the replies to the commands it took. Both under docker compose's stop_grace_period (30 s).
  WORKER_DRAIN_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(600_000).default(25_000)),
  BOT_DRAIN_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(600_000).default(20_000)),
  // Platform tokens are only checked to be present: the platform is the judge of a token.
  DISCORD_TOKEN: secret,
  DISCORD_APP_ID: optional(z.string().regex(/^\d{15,25}$/, 'the application id: a number of 15–25 digits')),
  // A REST proxy shared by several bot processes (discord.js `rest.api`, including /api).
  DISCORD_REST_API: optional(httpUrl),
  // `npm run register` into one server (instant, for development) instead of globally.
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{15,25}$/, 'a server id: a number of 15–25 digits')),
  // Sharding (README "Discord shards"): a count or `auto` makes `npm start` a manager with one child process per
  // shard; or this process runs the shard ids listed, out of DISCORD_SHARD_COUNT (one container per group of shards).
  DISCORD_SHARDS: optional(shardsOrAuto),
  DISCORD_SHARD_IDS: optional(shardIds),
  DISCORD_SHARD_COUNT: optional(z.coerce.number().int().min(1).max(MAX_DISCORD_SHARDS)),
  TELEGRAM_TOKEN: secret,
  // A self-hosted Bot API server instead of api.telegram.org.
  TELEGRAM_API_ROOT: optional(httpUrl),
  // Webhook mode instead of long polling: the public https URL Telegram posts updates to, the secret it must send
  // with every request, and the local port to listen on.
  TELEGRAM_WEBHOOK_URL: optional(z.string().regex(/^https:\/\/\S+$/, 'must be an https:// URL (Telegram only posts to https)')),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 letters, digits, _ or - (Telegram\'s rule)')),
  TELEGRAM_WEBHOOK_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(65_535).default(8443)),
  // With Redis and several bot replicas in polling mode, one polls and holds this lease; the others take over within
  // this long after it dies (renewed every third of it).
  TELEGRAM_POLLING_LEASE_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1_000).max(300_000).default(15_000)),
}).superRefine((config, context) => {
  const topologies = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => config[name] !== undefined);
  if (topologies.length > 1) {
    context.addIssue({ code: 'custom', path: [topologies[1]!], message: `set only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES (${topologies.join(' and ')} are both set)` });
  }
  if (config.REDIS_SENTINELS && !config.REDIS_SENTINEL_NAME) {
    context.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'required with REDIS_SENTINELS (the master group name, "mymaster" in a default sentinel.conf)' });
  }
  if (config.REDIS_SENTINEL_NAME && !config.REDIS_SENTINELS) {
    context.addIssue({ code: 'custom', path: ['REDIS_SENTINELS'], message: 'required with REDIS_SENTINEL_NAME (host:port of the sentinels)' });
  }
  if (config.OPS_PORT !== undefined && config.TELEGRAM_WEBHOOK_URL && config.OPS_PORT === config.TELEGRAM_WEBHOOK_PORT) {
    context.addIssue({ code: 'custom', path: ['OPS_PORT'], message: 'must differ from TELEGRAM_WEBHOOK_PORT (both listen in the bot process)' });
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    context.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required with TELEGRAM_WEBHOOK_URL: without it anyone could post fake updates' });
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APP_ID) {
    context.addIssue({ code: 'custom', path: ['DISCORD_APP_ID'], message: 'required with DISCORD_TOKEN (the application id from the Developer Portal)' });
  }
  for (const issue of shardingIssues(config, topologies.length > 0)) context.addIssue({ code: 'custom', ...issue });
});

/**
 * Discord sharding's rules: one way at a time, ids inside the count, and Redis whenever shards run in several
 * processes (each reads the shared Discord outbox and streams; without Redis each would be a bot of its own).
 */
function shardingIssues(
  config: { DISCORD_TOKEN?: string | undefined; DISCORD_SHARDS?: number | 'auto' | undefined; DISCORD_SHARD_IDS?: number[] | undefined; DISCORD_SHARD_COUNT?: number | undefined },
  redis: boolean,
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const set = (['DISCORD_SHARDS', 'DISCORD_SHARD_IDS', 'DISCORD_SHARD_COUNT'] as const).filter((name) => config[name] !== undefined);
  if (set.length === 0) return issues;
  if (!config.DISCORD_TOKEN) issues.push({ path: [set[0]!], message: 'needs DISCORD_TOKEN (shards are connections of the Discord bot)' });
  if (config.DISCORD_SHARDS !== undefined && set.length > 1) {
    issues.push({ path: [set[1]!], message: 'set DISCORD_SHARDS (a manager spawns the shards) or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT (this process runs those shards), not both' });
  }
  if (config.DISCORD_SHARD_IDS && config.DISCORD_SHARD_COUNT === undefined) {
    issues.push({ path: ['DISCORD_SHARD_COUNT'], message: 'required with DISCORD_SHARD_IDS (the total number of shards, the same in every process)' });
  }
  // Refinements also run when a field failed its own check (zod 4): only parsed values are compared.
  const count = typeof config.DISCORD_SHARD_COUNT === 'number' ? config.DISCORD_SHARD_COUNT : undefined;
  const outside = Array.isArray(config.DISCORD_SHARD_IDS) && count !== undefined ? config.DISCORD_SHARD_IDS.filter((id) => id >= count) : [];
  if (outside.length > 0) issues.push({ path: ['DISCORD_SHARD_IDS'], message: `shard ids go from 0 to DISCORD_SHARD_COUNT - 1 (${outside.join(', ')} is outside)` });
  const severalProcesses = config.DISCORD_SHARDS !== undefined || config.DISCORD_SHARD_IDS !== undefined;
  if (severalProcesses && !redis) {
    issues.push({ path: [set[0]!], message: 'needs REDIS_URL (or REDIS_SENTINELS / REDIS_CLUSTER_NODES): shards in several processes share the Discord outbox and reply streams through Redis, and need workers (npm run worker)' });
  }
  return issues;
}

export type Config = z.infer<typeof configSchema>;

/** Every variable the tutor reads (.env.example documents each). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape);

/** A configuration error that names the variable and the rule, never the value (it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration once, from the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

/** The chat platforms whose credentials are configured; none means the terminal. */
export function configuredPlatforms(config: Config): ('discord' | 'telegram')[] {
  const platforms: ('discord' | 'telegram')[] = [];
  if (config.DISCORD_TOKEN) platforms.push('discord');
  if (config.TELEGRAM_TOKEN) platforms.push('telegram');
  return platforms;
}
