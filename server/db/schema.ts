import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contactSearchVector, messageSearchVector, riskRankExpression, tsvector, waitingStatusesPredicate } from './search.schema';
import type { Attachment, Interaction } from '../../shared/inbound';
import type {
  AgentRole,
  ChannelType,
  DeliveryStatus,
  Language,
  MessageDirection,
  MessageKind,
  RiskLevel,
  RoutingMode,
  ThreadStatus,
} from '../../shared/constants';

export interface MessageReaction {
  byPlatformUserId: string;
  emoji: string | null;
  reaction: string | null;
}

// The source of truth for the database; `npm run db:generate` writes the SQL migration from it.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const agents = pgTable('agents', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<AgentRole>().notNull(),
  languages: text('languages').array().$type<Language[]>().notNull().default(sql`'{en}'`),
  /** The language the desk's own screens are shown in for this agent (not the languages they answer in). */
  uiLanguage: text('ui_language').$type<Language>().notNull().default('en'),
  active: boolean('active').notNull().default(true),
  /** Set by an admin (e.g. while in training): this agent's replies wait for a supervisor's approval. */
  repliesNeedApproval: boolean('replies_need_approval').notNull().default(false),
  /** How many open threads routing pushes to this agent at most. */
  threadLimit: integer('thread_limit').notNull().default(3),
  createdAt: createdAt(),
  /** Set for an account created by single sign-on: the identity provider and its stable user id (`sub`). */
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
}, (table) => [uniqueIndex('agents_oidc_identity_unique').on(table.oidcIssuer, table.oidcSubject)]);

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** How the team's waiting threads reach its agents: `off` (they take them), `push` or `round_robin`. */
  routingMode: text('routing_mode').$type<RoutingMode>().notNull().default('off'),
  createdAt: createdAt(),
});

export const agentTeams = pgTable(
  'agent_teams',
  {
    agentId: uuid('agent_id').notNull().references(() => agents.id),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    /** When routing last gave this agent one of the team's threads (round-robin order). */
    lastRoutedAt: timestamp('last_routed_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.teamId] })],
);

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').$type<ChannelType>().notNull(),
    /** The force's account on the platform: Facebook Page id, X user id. */
    accountId: text('account_id').notNull(),
    displayName: text('display_name').notNull(),
    connectionStatus: text('connection_status').notNull().default('connected'),
    lastError: text('last_error'),
    pollCursor: text('poll_cursor'),
    /** Facebook: the force has Meta's Human Agent permission (HUMAN_AGENT tag, replies up to 7 days). */
    humanAgentTagAllowed: boolean('human_agent_tag_allowed').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('channels_type_account_unique').on(table.type, table.accountId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name'),
    handle: text('handle'),
    createdAt: createdAt(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(contactSearchVector),
  },
  (table) => [
    uniqueIndex('contacts_channel_user_unique').on(table.channelId, table.platformUserId),
    index('contacts_search_idx').using('gin', table.searchVector),
  ],
);

/** One counter a year: reference numbers restart at 1 each January. */
export const referenceCounters = pgTable('reference_counters', {
  year: integer('year').primaryKey(),
  lastValue: integer('last_value').notNull(),
});

export const threads = pgTable(
  'threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    platformConversationId: text('platform_conversation_id').notNull(),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    status: text('status').$type<ThreadStatus>().notNull().default('new'),
    priority: integer('priority').notNull().default(0),
    risk: text('risk').$type<RiskLevel>().notNull().default('routine'),
    riskReasons: text('risk_reasons').array().notNull().default(sql`'{}'`),
    /** An agent set the risk by hand: triage of later messages no longer changes it. */
    isRiskOverridden: boolean('is_risk_overridden').notNull().default(false),
    category: text('category'),
    language: text('language').$type<Language>(),
    /** The earlier thread whose reference the sender quoted ("any update on SMD-2026-000123?"). */
    linkedThreadId: uuid('linked_thread_id'),
    lastAutoReplyAt: timestamp('last_auto_reply_at', { withTimezone: true }),
    lastAutoReplyWasEmergency: boolean('last_auto_reply_was_emergency').notNull().default(false),
    assigneeId: uuid('assignee_id').references(() => agents.id),
    teamId: uuid('team_id').references(() => teams.id),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    lastMessagePreview: text('last_message_preview').notNull().default(''),
    /** Facebook only lets us reply within 24 hours of this. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    restricted: boolean('restricted').notNull().default(false),
    createdAt: createdAt(),
    /** When the thread was last closed (kept by the trigger threads_track_closed_at); null while not closed. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Set when an agent merged this thread into another: new messages of its conversation go there. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => threads.id),
    /** When retention purged its messages and contact details; the row stays for counts and the audit trail. */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    /** Every word of every message in the thread; kept by the trigger messages_feed_thread_search. */
    searchVector: tsvector('search_vector').notNull().default(sql`''::tsvector`),
  },
  (table) => [
    uniqueIndex('threads_channel_conversation_unique').on(table.channelId, table.platformConversationId),
    index('threads_last_message_at_idx').on(table.lastMessageAt),
    index('threads_attention_idx').on(riskRankExpression, table.createdAt, table.id).where(waitingStatusesPredicate),
    index('threads_assignee_idx').on(table.assigneeId, table.status),
    index('threads_team_idx').on(table.teamId, table.status),
    index('threads_sla_due_idx').on(table.slaDueAt).where(sql`first_response_at is null`),
    index('threads_tags_idx').using('gin', table.tags),
    index('threads_search_idx').using('gin', table.searchVector),
    index('threads_contact_idx').on(table.contactId),
    index('threads_created_at_idx').on(table.createdAt),
    index('threads_retention_idx').on(table.closedAt).where(sql`purged_at is null`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id').notNull().references(() => threads.id),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    direction: text('direction').$type<MessageDirection>().notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default(sql`'[]'::jsonb`),
    /**
     * Platform ids of the parts of an outbound message already accepted (Messenger takes the text
     * and each attachment in separate calls): a retry sends only the parts not yet listed.
     */
    sentPartIds: text('sent_part_ids').array().notNull().default(sql`'{}'`),
    platformMessageId: text('platform_message_id'),
    /**
     * Set just before the platform is asked to send this reply, cleared once the outcome is known:
     * set on a queued reply means it may be out (the worker died before saving), so a rerun waits
     * for the echo or the poll to say so rather than send it twice.
     */
    sendStartedAt: timestamp('send_started_at', { withTimezone: true }),
    /** Media the platform holds for that send (X uploads the image before the DM), to match it by. */
    sendMediaIds: text('send_media_ids').array().notNull().default(sql`'{}'`),
    /** Generated by the agent's browser, so a retried reply request stores and sends once. */
    clientId: uuid('client_id').unique(),
    authorAgentId: uuid('author_agent_id').references(() => agents.id),
    deliveryStatus: text('delivery_status').$type<DeliveryStatus>().notNull(),
    /** Triage of an inbound message; null on outbound ones. */
    risk: text('risk').$type<RiskLevel>(),
    category: text('category'),
    language: text('language').$type<Language>(),
    riskReasons: text('risk_reasons').array().notNull().default(sql`'{}'`),
    failureReason: text('failure_reason'),
    /** Who sent an outbound message when no agent of ours did, e.g. "Page inbox" (Meta's own inbox). */
    authorLabel: text('author_label'),
    /** The platform message this one answers (Messenger `reply_to`). */
    replyToPlatformMessageId: text('reply_to_platform_message_id'),
    /** A button or quick reply the person tapped. */
    interaction: jsonb('interaction').$type<Interaction>(),
    /** Reactions on the message, one per person (a new one replaces theirs). */
    reactions: jsonb('reactions').$type<MessageReaction[]>().notNull().default(sql`'[]'::jsonb`),
    /** How many times the sender edited it (Messenger `num_edit`); the text is the latest. */
    editCount: integer('edit_count').notNull().default(0),
    /** Reply approval: the supervisor's comment when they returned it to its author. */
    reviewComment: text('review_comment'),
    reviewedByAgentId: uuid('reviewed_by_agent_id').references((): AnyPgColumn => agents.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** What the author wrote, kept when a supervisor edited the reply before approving it. */
    textBeforeReview: text('text_before_review'),
    /** When the platform says it was sent; for our own replies, when the agent sent it. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(messageSearchVector),
  },
  (table) => [
    uniqueIndex('messages_channel_platform_id_unique').on(table.channelId, table.platformMessageId),
    index('messages_thread_sent_at_idx').on(table.threadId, table.sentAt),
    index('messages_search_idx').using('gin', table.searchVector),
  ],
);

export const threadReads = pgTable(
  'thread_reads',
  {
    agentId: uuid('agent_id').notNull().references(() => agents.id),
    threadId: uuid('thread_id').notNull().references(() => threads.id),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.threadId] })],
);

/** Append-only: who did what, when. Never holds message text. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAgentId: uuid('actor_agent_id').references(() => agents.id),
    action: text('action').notNull(),
    threadId: uuid('thread_id').references(() => threads.id),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (table) => [index('audit_events_at_idx').on(table.at)],
);

export * from './desk-at-work.schema';
export * from './broadcasts.schema';
export * from './reports.schema';
export * from './integrations.schema';
export * from './api-tokens.schema';
export * from './media.schema';
