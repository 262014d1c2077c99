import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { escalations, webhookDeliveries } from '../db/schema';
import type { Logger } from '../logger';
import { incidentJobId, webhookJobId, type IntegrationsQueue } from './integrations-queue';

const STUCK_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * A delivery (or an incident request) is stored before its job is queued; if Redis failed or the
 * process died in between, nothing would ever send it. This queues such work again under the same
 * job id, so one whose job still exists (waiting, or delayed for a retry) is not sent twice.
 */
export async function requeueStuckIntegrations(db: Database, queue: IntegrationsQueue, stuckAfterMs = STUCK_AFTER_MS): Promise<number> {
  const before = new Date(Date.now() - stuckAfterMs);
  const deliveries = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.createdAt, before)))
    .limit(500);
  const incidents = await db
    .select({ id: escalations.id })
    .from(escalations)
    .where(and(eq(escalations.incidentStatus, 'requested'), lt(escalations.raisedAt, before)))
    .limit(100);
  for (const { id } of deliveries) await queue.add('webhook', { kind: 'webhook', deliveryId: id }, { jobId: webhookJobId(id) });
  for (const { id } of incidents) await queue.add('incident', { kind: 'incident', escalationId: id }, { jobId: incidentJobId(id) });
  return deliveries.length + incidents.length;
}

/** Runs the sweep in a worker process every minute; several workers sweeping at once is harmless. */
export function startStuckIntegrationSweeper(db: Database, queue: IntegrationsQueue, logger: Logger): () => Promise<void> {
  const timer = setInterval(() => {
    requeueStuckIntegrations(db, queue).then(
      (count) => count > 0 && logger.debug({ count }, 'integration work re-queued (no-op where its job exists)'),
      (error: unknown) => logger.error({ err: error }, 'stuck integration sweep failed'),
    );
  }, SWEEP_EVERY_MS);
  timer.unref();
  return async () => clearInterval(timer);
}
