/**
 * Telegram updates handled once across bot replicas (replica-state.ts `UpdateLog`): a webhook retry reaching another
 * replica, or updates a killed poller had fetched but not confirmed, are dropped or taken over, never handled twice.
 */
import { newCorrelationId } from '../../core/tutor.js';
import type { UpdateLog } from '../chat/replica-state.js';

/** An update another replica is handling is waited for this long: past its claim's expiry (10 s), it is taken over. */
const UPDATE_TAKEOVER_WAIT_MS = 12_000;
const UPDATE_CLAIM_RETRY_MS = 250;

/**
 * Handles an update unless some replica has: one being handled elsewhere is waited for (bounded by the claim's
 * expiry, after which a killed replica's update is this one's). Redis away: better a rare repeat than a lost question.
 */
export async function handleOnce(updates: UpdateLog, updateId: number, handle: () => Promise<void>, onRepeat: () => void): Promise<void> {
  const deadline = Date.now() + UPDATE_TAKEOVER_WAIT_MS;
  for (;;) {
    const claim = await updates.begin(updateId).catch(() => 'mine' as const);
    if (claim === 'mine') {
      try {
        return await handle();
      } finally {
        await updates.done(updateId).catch(() => undefined);
      }
    }
    if (claim === 'repeat' || Date.now() >= deadline) return onRepeat();
    await new Promise((resolve) => setTimeout(resolve, UPDATE_CLAIM_RETRY_MS));
  }
}

/**
 * A command's correlation id from its update's id: an update handled twice (a replica killed between submitting the
 * command and marking the update handled) submits the same command, whose one final the outbox lets through.
 */
export function updateCorrelationId(updateId: number): string {
  return Number.isSafeInteger(updateId) && updateId >= 0 ? `tg-update-${updateId}` : newCorrelationId();
}
