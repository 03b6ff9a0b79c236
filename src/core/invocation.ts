import type { Locale } from './locale.js';

export const PLATFORMS = ['terminal', 'telegram', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** An option value as a platform hands it over: typed (Discord) or text (Telegram, terminal). */
export type RawArg = string | number | boolean;

export interface UserRef {
  /** Platform-scoped id, e.g. a Discord snowflake or a Telegram user id. */
  id: string;
  displayName?: string | undefined;
  /** The locale the platform reports for this user, as a raw tag (`zh-TW`, `en-US`, `zh_CN.UTF-8`). */
  locale?: string | undefined;
  /** May change the chat's settings (a Telegram group admin, a Discord member with Manage Server); adapters set it. */
  chatAdmin?: boolean | undefined;
}

export interface ChatRef {
  id: string;
  kind: 'private' | 'group';
  /** The chat's default language, where the platform gives one (a Discord server's locale). */
  defaultLocale?: Locale | undefined;
  /** Where chat-wide settings live when not the chat itself (a Discord channel's server). */
  settingsId?: string | undefined;
  /**
   * `user`: the app is here only as the asker's own install (Discord: a group DM, or a server that has not added the
   * bot), so it answers their interactions and cannot post on its own. Absent: the bot is a member of the chat.
   */
  install?: 'user' | undefined;
}

/** What an adapter makes of a platform update: a command with its raw options, and who asked where. */
export interface CommandInvocation {
  command: string;
  subcommand?: string | undefined;
  args: Record<string, RawArg>;
  user: UserRef;
  chat: ChatRef;
  platform: Platform;
}

/** A click on a button of an earlier reply: only the opaque id travels. */
export interface ButtonPress {
  buttonId: string;
  user: UserRef;
  chat: ChatRef;
  platform: Platform;
}

/** Who asked and where, as carried inside a job (no platform objects, only data). */
export interface JobContext {
  user: UserRef;
  chat: ChatRef;
  platform: Platform;
  locale: Locale;
}

/** An invocation as typed, with any words no option could take. */
export type TypedInvocation = CommandInvocation & { unparsed?: string | undefined; repeated?: string | undefined };
