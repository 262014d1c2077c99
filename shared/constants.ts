// One source of truth for the names that server, client and tests share.

export const CHANNEL_TYPES = ['facebook', 'twitter', 'webchat', 'report_form', 'instagram'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const THREAD_STATUSES = ['new', 'open', 'pending', 'escalated', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const RISK_LEVELS = ['emergency', 'priority', 'routine'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What a message is about, as the desk files it (set by triage). The order is the tie-break order. */
export const TRIAGE_CATEGORIES = [
  'crime-report',
  'domestic-abuse',
  'sexual-offence',
  'welfare-concern',
  'missing-person',
  'road-traffic',
  'asb',
  'intelligence',
  'update-request',
  'advice',
  'non-police',
] as const;
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

/** Categories whose threads are restricted to staff cleared to see them. */
export const SENSITIVE_CATEGORIES = ['sexual-offence', 'domestic-abuse', 'intelligence'] as const satisfies readonly TriageCategory[];
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_KINDS = ['text', 'note', 'system', 'auto'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Delivery of an outbound message; inbound messages are always `received`. `delivered` and
 * `read` come from the platform's receipts (Messenger delivery and read watermarks). A reply that
 * needs a supervisor's approval waits as `awaiting_approval` (or `returned` to its author with a
 * comment) and becomes `queued` once approved.
 */
export const DELIVERY_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed', 'awaiting_approval', 'returned'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const AGENT_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export const REFERENCE_PREFIX = 'SMD';

/** Longest reply text we accept from an agent; X allows 10,000 in a DM, Messenger 2,000. */
export const MAX_REPLY_LENGTH = 2000;

/** An escalation to a team: raised, acknowledged by someone in the team, resolved with an outcome. */
export const ESCALATION_STATUSES = ['raised', 'acknowledged', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const ESCALATION_URGENCIES = ['immediate', 'within_hour', 'routine'] as const;
export type EscalationUrgency = (typeof ESCALATION_URGENCIES)[number];

/** The desk's views of the thread list; `team` also needs a team id. */
export const THREAD_VIEWS = ['attention', 'mine', 'team', 'escalated', 'closed', 'all'] as const;
export type ThreadView = (typeof THREAD_VIEWS)[number];

/**
 * How a team's waiting threads reach its agents: `off` — agents take them (the default);
 * `push` — to the available agent with the fewest open threads, within their limit and language;
 * `round_robin` — to each available agent of the team in turn.
 */
export const ROUTING_MODES = ['off', 'push', 'round_robin'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];
