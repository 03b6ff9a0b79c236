/**
 * What a failed Bot API call says, read from telegraf's TelegramError (every refusal Telegram answers: 400, 401, 403,
 * 409, 429…). Anything else (a network error, a timeout) has no Bot API code.
 */
import { TelegramError } from 'telegraf';

/** The Bot API's error code of a refusal (`error_code`); undefined for anything that is not one. */
export function telegramCode(error: unknown): number | undefined {
  return error instanceof TelegramError ? error.code : undefined;
}

/** Telegram's own words for a refusal ("409: Conflict: terminated by other getUpdates request…"); never the token. */
export function describeTelegramError(error: unknown): string {
  if (error instanceof TelegramError) return `${error.code}: ${error.description}`;
  return error instanceof Error ? error.name : 'unknown error';
}

/** Refusals a retry cannot fix: the user blocked the bot (403), or Telegram rejected the request itself (400). */
export function isPermanentRefusal(error: unknown): boolean {
  const code = telegramCode(error);
  return code === 400 || code === 403;
}
