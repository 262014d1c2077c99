import { Router } from 'express';
import { z } from 'zod';
import { webhookSubscriptionRequestSchema, webhookSubscriptionUpdateSchema } from '../../shared/integrations';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import { createSubscription, deleteSubscription, listDeliveries, listSubscriptions, setSubscriptionActive } from './webhook-subscriptions';

const idSchema = z.string().uuid('not an id');

/** `/api/integrations/webhooks` (admins only, see app.ts): subscriptions and their delivery logs. */
export function createWebhookRoutes(db: Database): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    response.json({ subscriptions: await listSubscriptions(db) });
  });
  router.post('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const { id, secret } = await createSubscription(db, agent.id, parseRequest(webhookSubscriptionRequestSchema, request.body));
    const subscription = (await listSubscriptions(db)).find((row) => row.id === id)!;
    response.status(201).json({ subscription, secret });
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
  return router;
}
