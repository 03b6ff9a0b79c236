export { FakeDiscord, unsafeMentions, type FakeDiscordOptions } from './server.js';
export { ATTACHMENT_OPTION, autocomplete, buttonPress, slashCommand, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, Permission, type CommandSpec, type OptionValue } from './payloads.js';
export { CallbackType } from './interactions.js';
export { GatewayOp, INVALID_SHARD, type ReadyShard } from './gateway.js';
export { guildOnShard, shardOf } from './shards.js';
export { DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG } from './validate.js';
export type { FakeInteraction, HostedFile, RecordedCall, SentMessage, StoredMessage } from './types.js';
export { ChannelDesk } from './channels.js';
export { PUBLIC_THREAD, ThreadDesk, type FakeThread } from './threads.js';
