// One source of truth for the names that server, client and tests share.

export const CHANNEL_TYPES = ['facebook', 'twitter', 'webchat', 'report_form'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const THREAD_STATUSES = ['new', 'open', 'pending', 'escalated', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const RISK_LEVELS = ['emergency', 'priority', 'routine'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_KINDS = ['text', 'note', 'system', 'auto'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Delivery of an outbound message; inbound messages are always `received`. */
export const DELIVERY_STATUSES = ['received', 'queued', 'sent', 'failed'] as const;
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
