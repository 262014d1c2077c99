import { eq, sql } from 'drizzle-orm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DELIVERY_HEADER, EVENT_HEADER } from '../../shared/integrations';
import type { Database } from '../db/database';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema';
import type { Logger } from '../logger';
import type { IntegrationJob } from './integrations-queue';
import { openSecret } from './sealed-secrets';
import { PermanentDeliveryError, postSigned, TransientDeliveryError } from './send-signed';

/** One attempt at one delivery; the delivery log records each attempt, BullMQ spaces the retries. */
export async function deliverWebhook(
  deps: { db: Database; logger: Logger; timeoutMs: number; dataEncryptionKey: Buffer },
  job: Job<IntegrationJob>,
  deliveryId: string,
): Promise<void> {
  const { db, logger } = deps;
  const [row] = await db
    .select({ delivery: webhookDeliveries, url: webhookSubscriptions.url, secret: webhookSubscriptions.secret, isActive: webhookSubscriptions.isActive })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status === 'delivered') return;
  if (!row.isActive) {
    await record(db, deliveryId, { status: 'failed', lastError: 'subscription turned off', countsAttempt: false });
    return;
  }
  let secret: string;
  try {
    secret = openSecret(deps.dataEncryptionKey, row.secret);
  } catch {
    // Sealed under another key: no attempt can succeed until the operator restores that key.
    const lastError = 'signing secret cannot be decrypted (DATA_ENCRYPTION_KEY is not the one it was stored under)';
    await record(db, deliveryId, { status: 'failed', lastError, countsAttempt: false });
    logger.error({ jobId: job.id, deliveryId }, 'webhook signing secret cannot be decrypted');
    throw new UnrecoverableError(lastError);
  }
  const rawBody = JSON.stringify(row.delivery.payload);
  const headers = { [EVENT_HEADER]: row.delivery.eventType, [DELIVERY_HEADER]: deliveryId };
  try {
    const response = await postSigned(row.url, secret, rawBody, headers, deps.timeoutMs);
    await record(db, deliveryId, { status: 'delivered', lastStatusCode: response.status, lastError: null, countsAttempt: true });
    logger.info({ jobId: job.id, deliveryId, status: response.status }, 'webhook delivered');
  } catch (error) {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const isPermanent = error instanceof PermanentDeliveryError;
    const statusCode = error instanceof TransientDeliveryError || error instanceof PermanentDeliveryError ? error.statusCode : null;
    const lastError = error instanceof Error ? error.message : 'failed';
    await record(db, deliveryId, { status: isPermanent || isLastAttempt ? 'failed' : 'pending', lastStatusCode: statusCode, lastError, countsAttempt: true });
    logger.warn({ jobId: job.id, deliveryId, statusCode, isPermanent }, 'webhook delivery attempt failed');
    if (isPermanent) throw new UnrecoverableError(lastError);
    throw error;
  }
}

async function record(
  db: Database,
  deliveryId: string,
  outcome: { status: 'pending' | 'delivered' | 'failed'; lastStatusCode?: number | null; lastError: string | null; countsAttempt: boolean },
) {
  const now = new Date();
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      lastError: outcome.lastError,
      ...(outcome.lastStatusCode !== undefined ? { lastStatusCode: outcome.lastStatusCode } : {}),
      ...(outcome.countsAttempt ? { attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now } : {}),
      ...(outcome.status === 'delivered' ? { deliveredAt: now } : {}),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}
