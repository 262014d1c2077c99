import { Router } from 'express';
import { z } from 'zod';
import { webhookSubscriptionRequestSchema, webhookSubscriptionUpdateSchema } from '../../shared/integrations';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { IntegrationEvents } from './integration-events';
import type { IntegrationsQueue } from './integrations-queue';
import { createSubscription, deleteSubscription, listDeliveries, listSubscriptions, retryDelivery, setSubscriptionActive } from './webhook-subscriptions';

const idSchema = z.string().uuid('not an id');

/** `/api/integrations/webhooks` (admins only, see app.ts): subscriptions and their delivery logs. */
export function createWebhookRoutes(
  db: Database,
  { requireHttps, queue, events, dataEncryptionKey }: { requireHttps: boolean; queue: IntegrationsQueue; events: IntegrationEvents; dataEncryptionKey: Buffer },
): Router {
  const router = Router();
  // Each change is seen at once by this process's events (others within a few seconds).
  router.use((request, response, next) => {
    if (request.method !== 'GET') response.on('finish', () => events.subscriptionsChanged());
    next();
  });
  router.get('/', async (_request, response) => {
    response.json({ subscriptions: await listSubscriptions(db) });
  });
  router.post('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const subscription = parseRequest(webhookSubscriptionRequestSchema, request.body);
    // Payloads carry message text: in production they travel over TLS only (tests use a local http receiver).
    if (requireHttps && !subscription.url.startsWith('https://')) throw new HttpError(400, 'invalid_request', 'url: must be https://');
    const { id, secret } = await createSubscription(db, dataEncryptionKey, agent.id, subscription);
    response.status(201).json({ subscription: (await listSubscriptions(db)).find((row) => row.id === id)!, secret });
  });
  router.patch('/:subscriptionId', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const subscriptionId = parseRequest(idSchema, request.params.subscriptionId);
    await setSubscriptionActive(db, agent.id, subscriptionId, parseRequest(webhookSubscriptionUpdateSchema, request.body).isActive);
    response.json({ subscription: (await listSubscriptions(db)).find((row) => row.id === subscriptionId)! });
  });
  router.delete('/:subscriptionId', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    await deleteSubscription(db, agent.id, parseRequest(idSchema, request.params.subscriptionId));
    response.status(204).end();
  });
  router.get('/:subscriptionId/deliveries', async (request, response) => {
    response.json({ deliveries: await listDeliveries(db, parseRequest(idSchema, request.params.subscriptionId)) });
  });
  router.post('/:subscriptionId/deliveries/:deliveryId/retry', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const subscriptionId = parseRequest(idSchema, request.params.subscriptionId);
    await retryDelivery(db, queue, agent.id, subscriptionId, parseRequest(idSchema, request.params.deliveryId));
    response.json({ deliveries: await listDeliveries(db, subscriptionId) });
  });
  return router;
}
