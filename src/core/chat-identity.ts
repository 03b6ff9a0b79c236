/**
 * An asker who speaks as a chat rather than as a person: on Telegram, an anonymous group admin (a message sent as the
 * group itself) or someone posting on behalf of a channel. Every such message comes from one shared bot account, so
 * the chat is the identity: rate limits, a quiz's starter and /forget are per chat identity, never shared by every
 * anonymous admin in the world. No colon in the id: `user:<platform>:<id>:` keys (and their /forget index) stay whole.
 */
const CHAT_IDENTITY = /^chat_(-?\d{1,20})$/;

/** The user id of whoever speaks as this chat (`chat_-1001234567890`). */
export function chatIdentity(chatId: string): string {
  return `chat_${chatId}`;
}

/** The chat an asker speaks as, or undefined for a person. */
export function chatSpokenAs(userId: string): string | undefined {
  return CHAT_IDENTITY.exec(userId)?.[1];
}

/** The asker is the chat itself (an anonymous admin of this group): an admin, with no private chat to write to. */
export function speaksAsThisChat(asker: { user: { id: string }; chat: { id: string } }): boolean {
  return chatSpokenAs(asker.user.id) === asker.chat.id;
}

/** The asker speaks as another chat (a channel posting in a group): never this chat's admin. */
export function speaksAsOtherChat(asker: { user: { id: string }; chat: { id: string } }): boolean {
  const spokenAs = chatSpokenAs(asker.user.id);
  return spokenAs !== undefined && spokenAs !== asker.chat.id;
}
