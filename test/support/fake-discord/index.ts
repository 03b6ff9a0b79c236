export { FakeDiscord, unsafeMentions, type FakeDiscordOptions } from './server.js';
export { ATTACHMENT_OPTION, autocomplete, buttonPress, slashCommand, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, Permission, type CommandSpec, type OptionValue } from './payloads.js';
export { CallbackType } from './interactions.js';
export { GatewayOp } from './gateway.js';
export { DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG } from './validate.js';
export type { FakeInteraction, HostedFile, RecordedCall, SentMessage, StoredMessage } from './types.js';
export { ChannelDesk } from './channels.js';
