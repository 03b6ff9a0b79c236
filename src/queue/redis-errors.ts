import { UserError } from '../core/errors.js';

/**
 * Redis at its `maxmemory` refuses writes (BullMQ needs `noeviction`, so nothing is evicted to make room): the
 * reply is an `OOM command not allowed …` error, for plain commands and for Lua scripts alike.
 */
export function isRedisOutOfMemory(error: unknown): boolean {
  return error instanceof Error && /(^|\s)OOM\b/.test(error.message);
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
