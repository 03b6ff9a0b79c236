/**
 * Where the bot stands in the place an interaction came from, and so where its replies may go. An app installed to
 * a user's account is usable in any DM, group DM, or server — but the bot is a member only of servers that added it
 * (`authorizing_integration_owners` names the server) and of its own DMs. Elsewhere the interaction's token is the
 * only way to answer: no channel post with the bot token (Discord refuses it: 50001 Missing Access), so a reply
 * after the token's 15 minutes, or a class quiz's own messages, have nowhere to go.
 */
import type { Reply } from '../../core/reply.js';
import { channelRoute, tokenAlive, tokenUsable, type DiscordRoute } from './route.js';

/** Discord's interaction context types, as interactions carry them. */
export const InteractionContext = { Guild: 0, BotDm: 1, PrivateChannel: 2 } as const;

/** The parts of an interaction that say how the app came to be asked (discord.js structures fit this shape). */
export interface ReachSource {
  guildId: string | null;
  channelId: string | null;
  /** Absent on sources built before user installs (tests); discord.js gives null when Discord sent none. */
  context?: number | null | undefined;
  /** discord.js's AuthorizingIntegrationOwners: the server whose install authorized this interaction, if any. */
  authorizingIntegrationOwners?: { guildId: string | null } | null | undefined;
}

/**
 * Whether the bot itself is in the interaction's place: a server whose install authorized it, or the DM with the
 * bot. A group DM (context 2) never holds the bot; neither does a server reached through the asker's install only.
 */
export function botIsPresent(source: ReachSource): boolean {
  if (source.guildId) {
    const owners = source.authorizingIntegrationOwners;
    // No owners at all: an interaction from before user installs existed, which only a server install could send.
    return owners === undefined || owners === null || owners.guildId === source.guildId;
  }
  return source.context !== InteractionContext.PrivateChannel;
}

/** The route fields an interaction gives its replies: its channel where the bot may post there, else token only. */
export function placeOf(source: ReachSource): Pick<DiscordRoute, 'channelId' | 'tokenOnly'> {
  if (!botIsPresent(source)) return { tokenOnly: true };
  return source.channelId ? { channelId: source.channelId } : {};
}

/**
 * Where a delivery goes: the interaction while this delivery answers it and its token lives; a private reply only
 * ever as an ephemeral follow-up while the token lives; anything else in the channel with the bot token — never on
 * a token-only route (undefined: nowhere to send it).
 */
export function deliveryTarget(route: DiscordRoute, key: string, reply: Reply, now: number): DiscordRoute | undefined {
  if (tokenUsable(route, key, now)) return route;
  const ownReply = route.answers === undefined || route.answers === key;
  if (reply.askerOnly || (ownReply && route.ephemeral)) return tokenAlive(route, now) ? { ...route, mode: 'followup', ephemeral: true } : undefined;
  return route.mode === 'channel' ? route : channelRoute(route, reply.mainChat === true);
}
