import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { webhookSubscriptionRequestSchema, WebhookDeliveryView, WebhookSubscriptionView } from '../../shared/integrations';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema';
import { HttpError } from '../http/errors';
import { webhookJobId, type IntegrationsQueue } from './integrations-queue';
import { isSealed, sealSecret } from './sealed-secrets';

type SubscriptionRequest = z.output<typeof webhookSubscriptionRequestSchema>;

/** Subscriptions with how their deliveries stand; secrets never leave the server after creation. */
export async function listSubscriptions(db: Database): Promise<WebhookSubscriptionView[]> {
  const rows = await db
    .select({
      subscription: webhookSubscriptions,
      pending: sql<number>`count(${webhookDeliveries.id}) filter (where ${webhookDeliveries.status} = 'pending')::int`,
      delivered: sql<number>`count(${webhookDeliveries.id}) filter (where ${webhookDeliveries.status} = 'delivered')::int`,
      failed: sql<number>`count(${webhookDeliveries.id}) filter (where ${webhookDeliveries.status} = 'failed')::int`,
    })
    .from(webhookSubscriptions)
    .leftJoin(webhookDeliveries, eq(webhookDeliveries.subscriptionId, webhookSubscriptions.id))
    .groupBy(webhookSubscriptions.id)
    .orderBy(webhookSubscriptions.createdAt);
  return rows.map(({ subscription, pending, delivered, failed }) => ({
    id: subscription.id,
    url: subscription.url,
    description: subscription.description,
    eventTypes: subscription.eventTypes,
    isActive: subscription.isActive,
    createdAt: subscription.createdAt.toISOString(),
    deliveries: { pending, delivered, failed },
  }));
}

/** The secret is stored sealed (see sealed-secrets.ts) and handed back in clear this once. */
export async function createSubscription(
  db: Database,
  dataEncryptionKey: Buffer,
  actorAgentId: string,
  request: SubscriptionRequest,
): Promise<{ id: string; secret: string }> {
  const secret = request.secret ?? randomBytes(24).toString('base64url');
  const [created] = await db
    .insert(webhookSubscriptions)
    .values({ url: request.url, description: request.description, secret: sealSecret(dataEncryptionKey, secret), eventTypes: request.eventTypes, createdByAgentId: actorAgentId })
    .returning({ id: webhookSubscriptions.id });
  await recordAudit(db, { action: 'webhook.subscribed', actorAgentId, details: { subscriptionId: created!.id, eventTypes: request.eventTypes } });
  return { id: created!.id, secret };
}

/**
 * Seals the secrets of subscriptions made before secrets were sealed; run at start. Each row is
 * changed only if it still holds the plain secret, so processes starting together do not clash.
 */
export async function sealPlainTextSecrets(db: Database, dataEncryptionKey: Buffer): Promise<number> {
  const rows = await db.select({ id: webhookSubscriptions.id, secret: webhookSubscriptions.secret }).from(webhookSubscriptions);
  const plain = rows.filter((row) => !isSealed(row.secret));
  for (const row of plain) {
    await db
      .update(webhookSubscriptions)
      .set({ secret: sealSecret(dataEncryptionKey, row.secret) })
      .where(and(eq(webhookSubscriptions.id, row.id), eq(webhookSubscriptions.secret, row.secret)));
  }
  return plain.length;
}

export async function setSubscriptionActive(db: Database, actorAgentId: string, subscriptionId: string, isActive: boolean): Promise<void> {
  const updated = await db.update(webhookSubscriptions).set({ isActive }).where(eq(webhookSubscriptions.id, subscriptionId)).returning({ id: webhookSubscriptions.id });
  if (updated.length === 0) throw new HttpError(404, 'subscription_not_found', 'No such webhook subscription.');
  await recordAudit(db, { action: isActive ? 'webhook.resumed' : 'webhook.paused', actorAgentId, details: { subscriptionId } });
}

export async function deleteSubscription(db: Database, actorAgentId: string, subscriptionId: string): Promise<void> {
  const deleted = await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId)).returning({ id: webhookSubscriptions.id });
  if (deleted.length === 0) throw new HttpError(404, 'subscription_not_found', 'No such webhook subscription.');
  await recordAudit(db, { action: 'webhook.unsubscribed', actorAgentId, details: { subscriptionId } });
}

/** The delivery log, newest first (the last 200). */
export async function listDeliveries(db: Database, subscriptionId: string): Promise<WebhookDeliveryView[]> {
  const [subscription] = await db.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId));
  if (!subscription) throw new HttpError(404, 'subscription_not_found', 'No such webhook subscription.');
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }));
}

/** An admin sends a failed delivery again (the receiver is fixed): a fresh round of attempts, same body and delivery id. */
export async function retryDelivery(db: Database, queue: IntegrationsQueue, actorAgentId: string, subscriptionId: string, deliveryId: string): Promise<void> {
  const [delivery] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending' })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.status, 'failed')))
    .returning({ attempts: webhookDeliveries.attempts });
  if (!delivery) throw new HttpError(409, 'delivery_not_failed', 'Only a failed delivery of this subscription can be sent again.');
  // A new job id per round: the failed job is kept a while and would make the same id a no-op.
  await queue.add('webhook', { kind: 'webhook', deliveryId }, { jobId: `${webhookJobId(deliveryId)}-round-${delivery.attempts}` });
  await recordAudit(db, { action: 'webhook.delivery_retried', actorAgentId, details: { subscriptionId, deliveryId } });
}
