import { Queue, type ConnectionOptions } from 'bullmq';

export const INTEGRATIONS_QUEUE_NAME = 'integrations';

/** A webhook delivery to one subscription, or the C&C incident request of one escalation. */
export type IntegrationJob = { kind: 'webhook'; deliveryId: string } | { kind: 'incident'; escalationId: string };

export type IntegrationsQueue = Queue<IntegrationJob>;

export function createIntegrationsQueue(connection: ConnectionOptions, prefix: string, retry: { attempts: number; retryDelayMs: number }): IntegrationsQueue {
  return new Queue<IntegrationJob>(INTEGRATIONS_QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.retryDelayMs },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

/** Stable job ids: a delivery or an escalation's incident request is queued once. */
export const webhookJobId = (deliveryId: string) => `webhook-${deliveryId}`;
export const incidentJobId = (escalationId: string) => `incident-${escalationId}`;
