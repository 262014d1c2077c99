import { index, integer, jsonb, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import type { WebhookDeliveryStatus, WebhookEventType } from '../../shared/integrations';
import { agents } from './schema';

// Outbound webhooks for integrations (issue 13): admins subscribe a URL to events; each event
// becomes one delivery per subscription, sent (signed) and retried by the integrations queue.

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  /** HMAC-SHA256 key shared with the receiver; shown to the admin once, never returned again. */
  secret: text('secret').notNull(),
  eventTypes: text('event_types').array().$type<WebhookEventType[]>().notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdByAgentId: uuid('created_by_agent_id').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The delivery log: one row per event per subscription, with how its attempts went. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventType: text('event_type').$type<WebhookEventType>().notNull(),
    /** The exact JSON body sent (and signed) on every attempt. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [index('webhook_deliveries_subscription_idx').on(table.subscriptionId, table.createdAt)],
);
