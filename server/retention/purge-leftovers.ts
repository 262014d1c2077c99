import { and, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { uploads, webhookDeliveries } from '../db/schema';

export interface LeftoverCounts {
  uploads: number;
  webhookDeliveries: number;
}

/** An image uploaded but never sent (a reply or post abandoned) is kept a day, then deleted. */
export const UNSENT_UPLOAD_HOURS = 24;

// One pass over the attachments that carry an upload id, not one scan of messages per upload.
const uploadsStillShown = sql`(
  select (attachment->>'uploadId')::uuid
    from messages, jsonb_array_elements(messages.attachments) as attachment
   where messages.attachments <> '[]'::jsonb and attachment->>'uploadId' is not null
  union
  select (image->>'uploadId')::uuid
    from broadcasts, jsonb_array_elements(broadcasts.images) as image
   where broadcasts.images <> '[]'::jsonb and image->>'uploadId' is not null)`;

/**
 * What retention leaves behind once threads are purged: images no message or broadcast shows any
 * more (a purged thread's images go with its messages; an upload never attached goes after a day),
 * and outbound-webhook delivery logs older than their period — their payloads name threads.
 */
export async function purgeLeftovers(db: Database, deliveryLogDays: number, now = new Date()): Promise<LeftoverCounts> {
  const unsentBefore = new Date(now.getTime() - UNSENT_UPLOAD_HOURS * 3600 * 1000);
  const removedUploads = await db
    .delete(uploads)
    .where(and(lt(uploads.createdAt, unsentBefore), sql`${uploads.id} not in ${uploadsStillShown}`))
    .returning({ id: uploads.id });
  if (deliveryLogDays === 0) return { uploads: removedUploads.length, webhookDeliveries: 0 };
  const deliveriesBefore = new Date(now.getTime() - deliveryLogDays * 24 * 3600 * 1000);
  const removedDeliveries = await db
    .delete(webhookDeliveries)
    .where(and(lt(webhookDeliveries.createdAt, deliveriesBefore), ne(webhookDeliveries.status, 'pending')))
    .returning({ id: webhookDeliveries.id });
  return { uploads: removedUploads.length, webhookDeliveries: removedDeliveries.length };
}
