import { eq } from 'drizzle-orm';
import type { EscalationView } from '../../shared/api';
import type { WebhookEventType } from '../../shared/integrations';
import type { Database } from '../db/database';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema';
import type { Logger } from '../logger';
import { webhookJobId, type IntegrationsQueue } from './integrations-queue';
import { broadcastPublishedData, envelope, escalationData, messageReceivedData, threadCreatedData } from './webhook-payloads';

/**
 * Tells subscribed integrations what happened, after it is stored. Each call is fire-and-forget
 * for its caller (the message or escalation is already committed): a failure is logged here.
 */
export interface IntegrationEvents {
  inboundStored(stored: { threadId: string; messageId: string; isNewThread: boolean }): void;
  escalationChanged(type: 'escalation.created' | 'escalation.updated', escalation: EscalationView): void;
  broadcastPublished(broadcastPostId: string): void;
  /** An admin changed the subscriptions: this process reads them afresh (others within SUBSCRIPTIONS_CACHE_MS). */
  subscriptionsChanged(): void;
}

/** How long a process trusts its list of active subscriptions: a change reaches every worker within this. */
const SUBSCRIPTIONS_CACHE_MS = 5_000;

export function createIntegrationEvents(db: Database, queue: IntegrationsQueue, logger: Logger): IntegrationEvents {
  // Read on every inbound message: kept a few seconds, so a desk without subscriptions costs no query.
  let cached: { at: number; rows: Promise<Array<{ id: string; eventTypes: WebhookEventType[] }>> } | null = null;
  const activeSubscriptions = () => {
    if (!cached || Date.now() - cached.at > SUBSCRIPTIONS_CACHE_MS) {
      // execute(): a query builder kept unawaited would run again at every await.
      const rows = db.select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes }).from(webhookSubscriptions).where(eq(webhookSubscriptions.isActive, true)).execute();
      cached = { at: Date.now(), rows };
      rows.catch(() => (cached = null));
    }
    return cached.rows;
  };

  /** One delivery row and one job per active subscription to the event; the payload is built only when someone listens. */
  const publish = async (type: WebhookEventType, buildData: () => Promise<Record<string, unknown> | null>) => {
    const subscribers = (await activeSubscriptions()).filter((subscription) => subscription.eventTypes.includes(type));
    if (subscribers.length === 0) return;
    const data = await buildData();
    if (!data) return;
    const payload = envelope(type, data) as unknown as Record<string, unknown>;
    const rows = await db
      .insert(webhookDeliveries)
      .values(subscribers.map((subscription) => ({ subscriptionId: subscription.id, eventType: type, payload })))
      .returning({ id: webhookDeliveries.id });
    await queue.addBulk(rows.map((row) => ({ name: 'webhook', data: { kind: 'webhook' as const, deliveryId: row.id }, opts: { jobId: webhookJobId(row.id) } })));
  };

  const guard = (work: () => Promise<void>, context: Record<string, unknown>) => {
    work().catch((error: unknown) => logger.error({ err: error, ...context }, 'integration event not queued'));
  };

  return {
    inboundStored: ({ threadId, messageId, isNewThread }) =>
      guard(async () => {
        if (isNewThread) await publish('thread.created', () => threadCreatedData(db, threadId));
        await publish('message.received', () => messageReceivedData(db, threadId, messageId));
      }, { threadId, messageId }),
    escalationChanged: (type, escalation) =>
      guard(() => publish(type, () => escalationData(db, escalation)), { escalationId: escalation.id }),
    broadcastPublished: (broadcastPostId) => guard(() => publish('broadcast.published', () => broadcastPublishedData(db, broadcastPostId)), { broadcastPostId }),
    subscriptionsChanged: () => {
      cached = null;
    },
  };
}

/** For roles and tests that do not send integrations. */
export const noIntegrationEvents: IntegrationEvents = {
  inboundStored: () => undefined,
  escalationChanged: () => undefined,
  broadcastPublished: () => undefined,
  subscriptionsChanged: () => undefined,
};
