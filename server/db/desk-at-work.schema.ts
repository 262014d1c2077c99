import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ChannelType, EscalationStatus, EscalationUrgency, Language, RiskLevel } from '../../shared/constants';
import type { IncidentStatus } from '../../shared/integrations';
import { agents, teams, threads } from './schema';

// Tables of the desk at work (issue 7): escalations to teams and canned responses.

export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id').notNull().references(() => threads.id),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    reason: text('reason').notNull(),
    urgency: text('urgency').$type<EscalationUrgency>().notNull(),
    status: text('status').$type<EscalationStatus>().notNull().default('raised'),
    raisedByAgentId: uuid('raised_by_agent_id').notNull().references(() => agents.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedByAgentId: uuid('acknowledged_by_agent_id').references(() => agents.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    /** What the team did, one of the configured kinds (ESCALATION_OUTCOMES); `not_recorded` for old rows it could not be read from. */
    outcomeKind: text('outcome_kind'),
    /** The team's own words beside the kind. */
    outcome: text('outcome'),
    resolvedByAgentId: uuid('resolved_by_agent_id').references(() => agents.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** The command-and-control incident: asked for (requested), answered with a number (created), or given up on (failed). */
    incidentStatus: text('incident_status').$type<IncidentStatus>(),
    incidentNumber: text('incident_number'),
    incidentError: text('incident_error'),
  },
  (table) => [
    index('escalations_thread_idx').on(table.threadId, table.raisedAt),
    index('escalations_raised_at_idx').on(table.raisedAt),
  ],
);

export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Typed after `/` in the composer, e.g. `thanks`; one per language. */
    shortcut: text('shortcut').notNull(),
    language: text('language').$type<Language>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedByAgentId: uuid('updated_by_agent_id').references(() => agents.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('canned_responses_shortcut_language_unique').on(table.shortcut, table.language)],
);

/**
 * First-response targets, written from configuration (SLA_POLICY) at start. A row with no channel
 * is the default for that risk; a channel's own row wins.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelType: text('channel_type').$type<ChannelType>(),
    risk: text('risk').$type<RiskLevel>().notNull(),
    minutes: integer('minutes').notNull(),
  },
  (table) => [uniqueIndex('sla_policies_channel_risk_unique').on(table.channelType, table.risk)],
);
