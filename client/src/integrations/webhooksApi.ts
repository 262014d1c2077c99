import { z } from 'zod';
import {
  webhookDeliveryListSchema,
  webhookSubscriptionCreatedSchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionViewSchema,
  type WebhookSubscriptionRequest,
} from '../../../shared/integrations';
import { request } from '../api';

const base = '/api/integrations/webhooks';

export const listWebhookSubscriptions = () => request('GET', base, webhookSubscriptionListSchema);

export const createWebhookSubscription = (subscription: WebhookSubscriptionRequest) => request('POST', base, webhookSubscriptionCreatedSchema, { body: subscription });

export const setWebhookSubscriptionActive = (id: string, isActive: boolean) =>
  request('PATCH', `${base}/${encodeURIComponent(id)}`, z.object({ subscription: webhookSubscriptionViewSchema }), { body: { isActive } });

export const deleteWebhookSubscription = (id: string) => request('DELETE', `${base}/${encodeURIComponent(id)}`, z.unknown());

export const listWebhookDeliveries = (id: string) => request('GET', `${base}/${encodeURIComponent(id)}/deliveries`, webhookDeliveryListSchema);

export const retryWebhookDelivery = (subscriptionId: string, deliveryId: string) =>
  request('POST', `${base}/${encodeURIComponent(subscriptionId)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, webhookDeliveryListSchema, { body: {} });
