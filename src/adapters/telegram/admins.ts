/**
 * Whether a person may change a group's settings (/lang zh group) or run a class quiz's teacher commands (stop, skip,
 * import, results): its creator or an administrator, asked of Telegram (getChatMember) only when such a command
 * comes, and remembered briefly.
 */
import type { Telegram } from 'telegraf';
import { chatSpokenAs } from '../../core/chat-identity.js';
import { needsAdminStatus, policyOf, type CommandDefinition } from '../../core/command.js';
import type { TypedInvocation } from '../../core/tutor.js';

/**
 * Whether a command in a group needs `user.chatAdmin`, as its policy says (`needsAdminStatus`, `adminsOnly`):
 * `/lang … group`, and a class quiz's teacher commands (the core decides; it needs to know).
 */
export function needsAdminCheck(commands: readonly CommandDefinition[], invocation: Pick<TypedInvocation, 'chat' | 'command' | 'subcommand' | 'args'>): boolean {
  if (invocation.chat.kind !== 'group') return false;
  return needsAdminStatus(policyOf(commands, invocation), invocation.args);
}

/** A demoted admin loses the right within a minute; a class does not change its admins every second. */
export const ADMIN_CACHE_MS = 60_000;
const MAX_REMEMBERED = 5_000;

export class GroupAdmins {
  private readonly known = new Map<string, { admin: boolean; at: number }>();

  constructor(
    private readonly telegram: Pick<Telegram, 'getChatMember'>,
    private readonly cacheMs = ADMIN_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: string, userId: string): Promise<boolean> {
    // Sent as a chat: only an admin may send as the group itself, and a channel is nobody's admin here. Not asked:
    // getChatMember knows only the shared GroupAnonymousBot account, a plain member.
    const spokenAs = chatSpokenAs(userId);
    if (spokenAs !== undefined) return spokenAs === chatId;
    const key = `${chatId}:${userId}`;
    const cached = this.known.get(key);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.admin;
    const member = await this.telegram.getChatMember(chatId, Number(userId));
    const admin = member.status === 'creator' || member.status === 'administrator';
    this.known.delete(key);
    this.known.set(key, { admin, at: this.now() });
    if (this.known.size > MAX_REMEMBERED) this.known.delete(this.known.keys().next().value!);
    return admin;
  }
}
