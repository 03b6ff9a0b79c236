export { DISCORD_CAPABILITIES, DiscordAdapter, DISCORD_OUTBOX, type DiscordAdapterOptions } from './adapter.js';
export { registerCommands, registrationPayload } from './registration.js';
