export { DISCORD_CAPABILITIES, DiscordAdapter, DISCORD_OUTBOX, type DiscordAdapterOptions, type DiscordShards } from './adapter.js';
export { registerCommands, registrationPayload } from './registration.js';
