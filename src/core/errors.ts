import type { UiKey } from './i18n-types.js';

/** Stable codes a client or a test can rely on; each maps to a message key under `errors.`. */
export type ErrorCode =
  | 'unknown_command'
  | 'unknown_subcommand'
  | 'not_available'
  | 'option_required'
  | 'option_too_long'
  | 'option_not_a_number'
  | 'option_not_an_integer'
  | 'option_out_of_range'
  | 'option_invalid_choice'
  | 'option_repeated'
  | 'unexpected_text'
  | 'button_expired'
  | 'button_other_chat'
  | 'group_only'
  | 'import_group_only'
  | 'upload_expired'
  | 'file_required'
  | 'question_closed'
  | 'quiz_no_topic'
  | 'quiz_no_custom_set'
  | 'quiz_not_running'
  | 'quiz_starter_only'
  | 'admins_only'
  | 'sent_as_channel'
  | 'needs_guild_install'
  | 'rate_limited'
  | 'busy'
  | 'timeout'
  | 'internal';

/**
 * An error the user caused or should hear about, with a message key rendered in their language.
 * Anything else that reaches the edge is reported as `internal`, without details.
 */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    super(`user error: ${code}`);
    this.name = 'UserError';
    this.code = code;
    this.params = params;
  }

  get key(): UiKey {
    return `errors.${this.code}`;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A job that does not match the job schema: retrying cannot help, so queues fail it at once. */
export class InvalidJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}
