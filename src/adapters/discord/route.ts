/**
 * What a reply needs to find its way back to Discord, carried through the queue as strings (the core treats a
 * route as opaque): the interaction token (valid 15 minutes; it is a credential for that reply, never logged),
 * whether the reply edits the deferred response or comes as new follow-up messages, whether it is private, and the
 * channel — where a class quiz's worker-started messages (a new correlation id, no waiting interaction) are posted
 * with the bot token, long after the token has expired.
 */

export interface DiscordRoute {
  /** The interaction's token; absent on a channel route. */
  token?: string | undefined;
  /**
   * `reply`: a deferred response to edit. `followup`: a button press (deferred update), answered in new messages.
   * `channel`: messages posted to `channelId` with the bot token (`POST /channels/{id}/messages`).
   */
  mode: 'reply' | 'followup' | 'channel';
  ephemeral: boolean;
  /** The channel the interaction came from (a server channel, or the DM channel). */
  channelId?: string | undefined;
  /** The correlation id the interaction's token answers; replies under another id are new messages. */
  answers?: string | undefined;
  /** When the interaction arrived (ms since the epoch): its token is no use after ~15 minutes. */
  issuedAt?: number | undefined;
  /**
   * The bot is not a member where the interaction came from (a user install in a group DM, or in a server without
   * the bot): only the token can answer, never a channel post (reach.ts).
   */
  tokenOnly?: boolean | undefined;
  /**
   * A class quiz's thread, started from its opening message (quiz-thread.ts): the quiz's own posts go there, except
   * replies marked `mainChat` (the podium), which go to `channelId`.
   */
  threadId?: string | undefined;
}

/** Discord accepts an interaction token for 15 minutes; a minute's margin for queueing and clock skew. */
export const INTERACTION_TOKEN_USABLE_MS = 14 * 60 * 1_000;

// Interaction tokens are long base64url-like strings; anything else is not a route of ours.
const TOKEN = /^[A-Za-z0-9._-]{20,500}$/;
const SNOWFLAKE = /^\d{15,21}$/;
const CORRELATION = /^[A-Za-z0-9_-]{8,64}$/;

export function toRoute(route: DiscordRoute): Record<string, string> {
  return {
    ...(route.token ? { discordToken: route.token } : {}),
    discordMode: route.mode,
    discordEphemeral: route.ephemeral ? '1' : '0',
    ...(route.channelId ? { discordChannel: route.channelId } : {}),
    ...(route.answers ? { discordAnswers: route.answers } : {}),
    ...(route.issuedAt !== undefined ? { discordAt: String(route.issuedAt) } : {}),
    ...(route.tokenOnly ? { discordTokenOnly: '1' } : {}),
    ...(route.threadId ? { discordThread: route.threadId } : {}),
  };
}

export function fromRoute(raw: Record<string, string> | undefined): DiscordRoute | undefined {
  const mode = raw?.['discordMode'];
  if (mode !== 'reply' && mode !== 'followup' && mode !== 'channel') return undefined;
  const token = raw?.['discordToken'];
  const channelId = raw?.['discordChannel'];
  const answers = raw?.['discordAnswers'];
  const issuedAt = Number(raw?.['discordAt']);
  const threadId = raw?.['discordThread'];
  const route: DiscordRoute = {
    mode,
    ephemeral: raw?.['discordEphemeral'] === '1',
    ...(token && TOKEN.test(token) ? { token } : {}),
    ...(channelId && SNOWFLAKE.test(channelId) ? { channelId } : {}),
    ...(answers && CORRELATION.test(answers) ? { answers } : {}),
    ...(raw?.['discordAt'] && Number.isSafeInteger(issuedAt) ? { issuedAt } : {}),
    ...(raw?.['discordTokenOnly'] === '1' ? { tokenOnly: true } : {}),
    ...(threadId && SNOWFLAKE.test(threadId) ? { threadId } : {}),
  };
  if (mode === 'channel' ? !route.channelId || route.tokenOnly : !route.token) return undefined;
  return route;
}

/** Whether a delivery can still use the interaction's token: it answers that interaction, and the token is alive. */
export function tokenUsable(route: DiscordRoute, correlationId: string, now: number): boolean {
  if (!route.token || route.mode === 'channel') return false;
  if (route.answers !== undefined && route.answers !== correlationId) return false;
  return tokenAlive(route, now);
}

export function tokenAlive(route: DiscordRoute, now: number): boolean {
  return route.token !== undefined && (route.issuedAt === undefined || now - route.issuedAt < INTERACTION_TOKEN_USABLE_MS);
}

/**
 * Where a worker-started message goes: the quiz's thread if it has one (unless `mainChat`), else the interaction's
 * channel, posted with the bot token — not where the bot is absent.
 */
export function channelRoute(route: DiscordRoute, mainChat = false): DiscordRoute | undefined {
  if (route.tokenOnly || !route.channelId) return undefined;
  return { mode: 'channel', ephemeral: false, channelId: route.threadId && !mainChat ? route.threadId : route.channelId };
}
