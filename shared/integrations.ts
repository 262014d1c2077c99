import { z } from 'zod';

// Outbound integrations (issue 13): the command-and-control hand-off and webhook subscriptions.
// The signed payloads are documented in docs/integrations.md.

/** Events an integration can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['thread.created', 'message.received', 'escalation.created', 'escalation.updated', 'broadcast.published'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Where the force's command-and-control incident request stands, on the escalation. */
export const INCIDENT_STATUSES = ['requested', 'created', 'failed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Headers every signed request carries (the C&C hand-off and each webhook delivery). */
export const SIGNATURE_HEADER = 'x-socialdesk-signature';
export const TIMESTAMP_HEADER = 'x-socialdesk-timestamp';
export const EVENT_HEADER = 'x-socialdesk-event';
export const DELIVERY_HEADER = 'x-socialdesk-delivery';

export const webhookSubscriptionRequestSchema = z.object({
  url: z
    .string()
    .trim()
    .url('a full URL, e.g. https://integrations.example.police.uk/desk')
    .refine((url) => /^https?:\/\//.test(url), 'an http(s) URL'),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event').transform((types) => [...new Set(types)]),
  /** Shared secret for the HMAC signature; generated when not given. */
  secret: z.string().min(16, 'at least 16 characters').max(200).optional(),
  description: z.string().trim().max(200).default(''),
});
export type WebhookSubscriptionRequest = z.input<typeof webhookSubscriptionRequestSchema>;

export const webhookSubscriptionUpdateSchema = z.object({ isActive: z.boolean() });

export const webhookSubscriptionViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  isActive: z.boolean(),
  createdAt: z.string(),
  deliveries: z.object({ pending: z.number(), delivered: z.number(), failed: z.number() }),
});
export type WebhookSubscriptionView = z.infer<typeof webhookSubscriptionViewSchema>;

export const webhookSubscriptionListSchema = z.object({ subscriptions: z.array(webhookSubscriptionViewSchema) });
/** The secret is shown once, when the subscription is created. */
export const webhookSubscriptionCreatedSchema = z.object({ subscription: webhookSubscriptionViewSchema, secret: z.string() });

export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;
export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliveryViewSchema) });

/** What the C&C system answers to an incident request (2xx); without a number, the controller types it in. */
export const incidentResponseSchema = z.object({ incidentNumber: z.string().trim().min(1).max(100).optional() }).passthrough();

/** A controller types the incident number in (the system answered without one, or the request failed). */
export const incidentNumberRequestSchema = z.object({ incidentNumber: z.string().trim().min(1, 'Type the incident number').max(100) });
