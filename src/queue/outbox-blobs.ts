/**
 * A reply's image or file (an attention PNG, a class quiz's results CSV) does not ride in the outbox job: the job is
 * data BullMQ keeps and moves around, and a megabyte per reply adds up. The sender parks the bytes under a random
 * key with a TTL; the consumer puts them back before the adapter renders, and deletes them once a final is handled.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';
import type { Delivery } from '../core/delivery.js';

/** Smaller attachments stay inline: a key and a round trip would cost more than they save. */
export const OUTBOX_BLOB_MIN_CHARS = 4_096;
/** Longer than any retry of a delivery, and than a bot being down for a day. */
export const OUTBOX_BLOB_TTL_MS = 24 * 60 * 60 * 1000;

/** A delivery as it is stored: the bytes' keys in place of large base64 payloads. */
export type StoredDelivery = Delivery & { blobs?: { image?: string; file?: string } };

function blobKey(prefix: string, id: string): string {
  return `${prefix}:blob:${id}`;
}

export async function parkBlobs(redis: RedisClient, prefix: string, delivery: Delivery): Promise<StoredDelivery> {
  const { image, file } = delivery.reply;
  const blobs: { image?: string; file?: string } = {};
  const park = async (base64: string): Promise<string> => {
    const id = randomBytes(18).toString('base64url');
    await redis.set(blobKey(prefix, id), base64, 'PX', OUTBOX_BLOB_TTL_MS);
    return id;
  };
  let reply = delivery.reply;
  if (image && image.base64.length >= OUTBOX_BLOB_MIN_CHARS) {
    blobs.image = await park(image.base64);
    reply = { ...reply, image: { ...image, base64: '' } };
  }
  if (file && file.base64.length >= OUTBOX_BLOB_MIN_CHARS) {
    blobs.file = await park(file.base64);
    reply = { ...reply, file: { ...file, base64: '' } };
  }
  return blobs.image || blobs.file ? { ...delivery, reply, blobs } : delivery;
}

/** The delivery with its bytes back; a blob gone (past its TTL) leaves the reply without that attachment. */
export async function restoreBlobs(redis: RedisClient, prefix: string, stored: StoredDelivery): Promise<Delivery> {
  const { blobs, ...delivery } = stored;
  if (!blobs) return delivery;
  let reply = delivery.reply;
  if (blobs.image && reply.image) {
    const base64 = await redis.get(blobKey(prefix, blobs.image));
    reply = base64 ? { ...reply, image: { ...reply.image, base64 } } : { ...reply, image: undefined };
  }
  if (blobs.file && reply.file) {
    const base64 = await redis.get(blobKey(prefix, blobs.file));
    reply = base64 ? { ...reply, file: { ...reply.file, base64 } } : { ...reply, file: undefined };
  }
  return { ...delivery, reply };
}

export async function dropBlobs(redis: RedisClient, prefix: string, stored: StoredDelivery): Promise<void> {
  const ids = [stored.blobs?.image, stored.blobs?.file].filter((id): id is string => id !== undefined);
  // One DEL each: the two keys hash to different slots on a Cluster.
  await Promise.all(ids.map((id) => redis.del(blobKey(prefix, id))));
}
