import { createHash } from 'node:crypto';
import { UserError } from './errors.js';
import type { KeyValueStore } from './ports.js';

/** What pressing a button does: run this command with these options, as the person who pressed it. */
export interface ButtonAction {
  command: string;
  subcommand?: string | undefined;
  args: Record<string, string | number>;
  /** `<platform>:<chat id>` when only presses in that chat count (a class quiz's Join and answers). */
  chat?: string | undefined;
}

// Long enough that old messages keep working, bounded so the store does not grow forever.
const BUTTON_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const BUTTON_ID_LENGTH = 12;
// Every lesson reply offers the same few buttons again: write each at most once a day per process (its TTL is 30
// days), which saves ~6 Redis writes per /explain (bench:queue). Bounded, oldest forgotten first.
const REWRITE_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

/**
 * Buttons carry a short opaque id (Telegram allows 64 bytes of callback data); the action stays on the server.
 * The id is a hash of the action, so the same action always gets the same id and the store stays small.
 */
export class ButtonActions {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The id of a button doing `action`; `ttlMs` shortens its life for one-off buttons (a quiz answer). */
  async register(action: ButtonAction, ttlMs = BUTTON_TTL_MS): Promise<string> {
    const canonical = JSON.stringify([action.command, action.subcommand ?? null, Object.entries(action.args).sort(), action.chat ?? null]);
    const id = `b${createHash('sha256').update(canonical).digest('base64url').slice(0, BUTTON_ID_LENGTH - 1)}`;
    const writtenAt = this.written.get(id);
    if (writtenAt !== undefined && this.now() - writtenAt < REWRITE_AFTER_MS) return id;
    await this.store.set(`button:${id}`, JSON.stringify(action), ttlMs);
    this.written.delete(id);
    this.written.set(id, this.now());
    if (this.written.size > MAX_REMEMBERED) this.written.delete(this.written.keys().next().value!);
    return id;
  }

  async resolve(id: string): Promise<ButtonAction> {
    const stored = /^b[A-Za-z0-9_-]{1,40}$/.test(id) ? await this.store.get(`button:${id}`) : undefined;
    if (!stored) throw new UserError('button_expired');
    return JSON.parse(stored) as ButtonAction;
  }
}
