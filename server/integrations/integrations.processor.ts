import type { Job } from 'bullmq';
import type { EscalationAnnouncer } from '../escalations/announce-escalation';
import type { Logger } from '../logger';
import { deliverWebhook } from './deliver-webhook';
import { sendIncidentRequest, type IncidentSettings } from './incident-handoff';
import type { IntegrationJob } from './integrations-queue';

export interface IntegrationsProcessorDependencies extends EscalationAnnouncer {
  logger: Logger;
  incident: IncidentSettings | null;
  timeoutMs: number;
  /** Opens the subscriptions' sealed signing secrets. */
  dataEncryptionKey: Buffer;
}

/** Handles `integrations` jobs: webhook deliveries and C&C incident requests, each one attempt (BullMQ retries with backoff). */
export function createIntegrationsProcessor(deps: IntegrationsProcessorDependencies) {
  return async function processIntegration(job: Job<IntegrationJob>): Promise<void> {
    switch (job.data.kind) {
      case 'webhook':
        return deliverWebhook(deps, job, job.data.deliveryId);
      case 'incident':
        return sendIncidentRequest({ ...deps, settings: deps.incident }, job, job.data.escalationId);
    }
  };
}
