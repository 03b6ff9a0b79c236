/**
 * What a reply needs to find its way back to Discord, carried through the queue as strings (the core treats a
 * route as opaque): the interaction token (valid 15 minutes; it is a credential for that reply, never logged),
 * whether the reply edits the deferred response or comes as new follow-up messages, and whether it is private.
 */

export interface DiscordRoute {
  token: string;
  /** `reply`: a slash command deferred with a "thinking…" response to edit. `followup`: a button press (deferred update). */
  mode: 'reply' | 'followup';
  ephemeral: boolean;
}

// Interaction tokens are long base64url-like strings; anything else is not a route of ours.
const TOKEN = /^[A-Za-z0-9._-]{20,500}$/;

export function toRoute(route: DiscordRoute): Record<string, string> {
  return { discordToken: route.token, discordMode: route.mode, discordEphemeral: route.ephemeral ? '1' : '0' };
}

export function fromRoute(raw: Record<string, string> | undefined): DiscordRoute | undefined {
  const token = raw?.['discordToken'];
  const mode = raw?.['discordMode'];
  if (!token || !TOKEN.test(token) || (mode !== 'reply' && mode !== 'followup')) return undefined;
  return { token, mode, ephemeral: raw?.['discordEphemeral'] === '1' };
}
