import { and, arrayContains, eq } from 'drizzle-orm';
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
}

export function createIntegrationEvents(db: Database, queue: IntegrationsQueue, logger: Logger): IntegrationEvents {
  /** One delivery row and one job per active subscription to the event. */
  const publish = async (type: WebhookEventType, data: Record<string, unknown> | null) => {
    if (!data) return;
    const subscribers = await db
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.isActive, true), arrayContains(webhookSubscriptions.eventTypes, [type])));
    if (subscribers.length === 0) return;
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
        if (isNewThread) await publish('thread.created', await threadCreatedData(db, threadId));
        await publish('message.received', await messageReceivedData(db, threadId, messageId));
      }, { threadId, messageId }),
    escalationChanged: (type, escalation) =>
      guard(async () => publish(type, await escalationData(db, escalation)), { escalationId: escalation.id }),
    broadcastPublished: (broadcastPostId) => guard(async () => publish('broadcast.published', await broadcastPublishedData(db, broadcastPostId)), { broadcastPostId }),
  };
}

/** For roles and tests that do not send integrations. */
export const noIntegrationEvents: IntegrationEvents = {
  inboundStored: () => undefined,
  escalationChanged: () => undefined,
  broadcastPublished: () => undefined,
};
