import { ReplyError } from 'ioredis';
import { UserError } from '../core/errors.js';

/**
 * Redis at its `maxmemory` refuses writes (BullMQ needs `noeviction`, so nothing is evicted to make room): the
 * reply is an `OOM command not allowed …` error, for plain commands and for Lua scripts alike. ioredis hands every
 * error reply over as a ReplyError; which error it is, Redis says only as the first word of its text (inside a
 * script's error, after the script's own words), so that word is read.
 */
export function isRedisOutOfMemory(error: unknown): boolean {
  return error instanceof ReplyError && /(^|\s)OOM\b/.test((error as Error).message);
}

/**
 * What ioredis throws when a fail-fast connection (producerConnection) is not connected right now. None of these has
 * a class of ioredis's to test for: MaxRetriesPerRequestError is not exported from its entry point (only its name
 * is stable), and "Stream isn't writeable…" and "Connection is closed." are plain Errors, told apart by their text.
 */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'MaxRetriesPerRequestError' || error.message.startsWith("Stream isn't writeable") || error.message === 'Connection is closed.';
}

/** A full Redis is the tutor being busy, which users hear politely ("try again in a minute"), never "internal error". */
export async function busyWhenFull<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (isRedisOutOfMemory(error)) throw new UserError('busy');
    throw error;
  }
}
