import { z } from 'zod';
import {
  assignmentRequestSchema,
  cannedResponseRequestSchema,
  escalationListQuerySchema,
  escalationRequestSchema,
  escalationResolutionSchema,
  loginRequestSchema,
  mergeRequestSchema,
  noteRequestSchema,
  replyRequestSchema,
  riskOverrideRequestSchema,
  statusRequestSchema,
  tagsRequestSchema,
  threadListQuerySchema,
  uiLanguageRequestSchema,
} from '../../shared/api';
import { accountCreateRequestSchema, accountUpdateRequestSchema, passwordChangeRequestSchema, passwordResetRequestSchema } from '../../shared/accounts';
import { apiTokenRequestSchema, type ApiTokenScope } from '../../shared/api-tokens';
import { incidentNumberRequestSchema, webhookSubscriptionRequestSchema, webhookSubscriptionUpdateSchema } from '../../shared/integrations';
import { auditQuerySchema } from '../../shared/audit';
import { BROADCAST_CHANNELS, broadcastDraftSchema, broadcastListQuerySchema, broadcastReturnSchema, broadcastWithdrawalSchema } from '../../shared/broadcasts';
import type { AgentRole } from '../../shared/constants';
import { availabilityRequestSchema } from '../../shared/presence';
import {
  agentSettingsRequestSchema,
  approveReplyRequestSchema,
  resubmitReplyRequestSchema,
  returnReplyRequestSchema,
  teamRoutingRequestSchema,
} from '../../shared/supervision';
import { reportAdditionRequestSchema, reportLookupRequestSchema, reportRequestSchema } from '../../shared/public-contact';
import { reportQuerySchema } from '../../shared/reports';
import { crcQuerySchema, subscriptionChallengeQuerySchema } from '../webhooks/webhook-queries';

/**
 * Who may call each route. One rule per registered route, read by one middleware
 * (server/auth/authorize.ts) before any handler runs; the authorization matrix test fails for a
 * route without a rule, and the OpenAPI document (/api/docs) is generated from this table.
 *
 * Adding a route: add its line here, e.g.
 *   'POST /api/things/:id/archive': { who: SUPERVISORS, body: archiveRequestSchema },
 */
export interface RouteRule {
  /** Signed-in staff allowed: PUBLIC (no sign-in), ANY_AGENT, or a list of roles. */
  who: typeof PUBLIC | typeof ANY_AGENT | readonly AgentRole[];
  /** The API token scope that also admits it; none means staff sessions only. */
  scope?: ApiTokenScope;
  /** Need-to-know: the path's :threadId must be a thread the caller may read (403 otherwise). */
  thread?: true;
  /** Input, validated before the handler runs (400 otherwise) and described in the OpenAPI document. */
  body?: z.ZodType;
  query?: z.ZodType;
  /** Path parameters other than ids (every `:param` is a UUID unless named here). */
  params?: Record<string, z.ZodType>;
  /** One line for the API's readers (the OpenAPI summary). */
  summary?: string;
}

export const PUBLIC = 'public';
export const ANY_AGENT = 'any agent';
export const SUPERVISORS = ['supervisor', 'admin'] as const satisfies AgentRole[];
export const ADMINS = ['admin'] as const satisfies AgentRole[];

export const ROUTE_RULES: Record<string, RouteRule> = {
  // Probes and platform webhooks: no session; a webhook is verified by its platform signature.
  'GET /healthz': { who: PUBLIC, summary: 'The process answers' },
  'GET /readyz': { who: PUBLIC, summary: 'Redis and the database answer' },
  'GET /webhooks/facebook': { who: PUBLIC, query: subscriptionChallengeQuerySchema, summary: 'Meta subscription challenge' },
  'POST /webhooks/facebook': { who: PUBLIC, summary: 'Messenger events, signed X-Hub-Signature-256' },
  'GET /webhooks/twitter': { who: PUBLIC, query: crcQuerySchema, summary: 'X challenge-response check' },
  'POST /webhooks/twitter': { who: PUBLIC, summary: 'X Account Activity events, signed' },
  'GET /api/docs': { who: PUBLIC, summary: 'This OpenAPI document' },
  'GET /api/docs/page': { who: PUBLIC, summary: 'This API as a readable page' },

  // The force's public web chat and report form (their own rate limits).
  'GET /api/public/config': { who: PUBLIC, summary: 'Desk hours and quick-exit address' },
  'POST /api/public/chat/session': { who: PUBLIC, summary: 'Start a web chat (a visitor token)' },
  'POST /api/public/reports': { who: PUBLIC, body: reportRequestSchema, summary: 'Make an online report' },
  'POST /api/public/reports/lookup': { who: PUBLIC, body: reportLookupRequestSchema, summary: "Read a report's replies with its reference and code" },
  'POST /api/public/reports/additions': { who: PUBLIC, body: reportAdditionRequestSchema, summary: 'Add to a report' },

  'POST /api/auth/login': { who: PUBLIC, body: loginRequestSchema, summary: 'Sign in (session cookie)' },
  'POST /api/auth/logout': { who: ANY_AGENT, summary: 'Sign out' },
  'GET /api/auth/me': { who: ANY_AGENT, summary: 'The signed-in agent' },
  'PUT /api/auth/me/language': { who: ANY_AGENT, body: uiLanguageRequestSchema, summary: 'Choose the language of your screens (English or Welsh)' },
  'POST /api/auth/password': { who: ANY_AGENT, body: passwordChangeRequestSchema, summary: 'Change your own password' },
  'GET /api/auth/methods': { who: PUBLIC, summary: 'How staff can sign in (local, single sign-on)' },
  'GET /api/auth/oidc/start': { who: PUBLIC, summary: "Start single sign-on at the force's provider" },
  'GET /api/auth/oidc/callback': { who: PUBLIC, summary: "The provider's answer to single sign-on" },

  'GET /api/accounts': { who: ADMINS, summary: 'Staff accounts' },
  'POST /api/accounts': { who: ADMINS, body: accountCreateRequestSchema, summary: 'Create an account (NCSC password rules)' },
  'PATCH /api/accounts/:agentId': { who: ADMINS, body: accountUpdateRequestSchema, summary: "Change an account's role or teams" },
  'POST /api/accounts/:agentId/disable': { who: ADMINS, summary: 'Disable an account (ends its sessions and sockets)' },
  'POST /api/accounts/:agentId/enable': { who: ADMINS, summary: 'Enable an account' },
  'POST /api/accounts/:agentId/password': { who: ADMINS, body: passwordResetRequestSchema, summary: "Reset an account's password" },
  'GET /api/contacts/:contactId/subject-access': { who: SUPERVISORS, summary: 'Everything held about one contact (audited)' },

  'GET /api/threads': { who: ANY_AGENT, scope: 'threads:read', query: threadListQuerySchema, summary: 'Threads (restricted ones redacted)' },
  'GET /api/threads/:threadId': { who: ANY_AGENT, scope: 'threads:read', thread: true, summary: 'A thread and its messages' },
  'POST /api/threads/:threadId/replies': { who: ANY_AGENT, scope: 'messages:write', thread: true, body: replyRequestSchema, summary: 'Reply on the platform' },
  'POST /api/threads/:threadId/notes': { who: ANY_AGENT, scope: 'messages:write', thread: true, body: noteRequestSchema, summary: 'Add an internal note' },
  'GET /api/threads/:threadId/history': { who: ANY_AGENT, scope: 'threads:read', thread: true, summary: "The contact's other threads" },
  'GET /api/threads/:threadId/escalations': { who: ANY_AGENT, scope: 'threads:read', thread: true, summary: "The thread's escalations" },
  'POST /api/threads/:threadId/escalations': { who: ANY_AGENT, thread: true, body: escalationRequestSchema, summary: 'Escalate' },
  'POST /api/threads/:threadId/take': { who: ANY_AGENT, thread: true, summary: 'Take the thread' },
  'POST /api/threads/:threadId/assignment': { who: ANY_AGENT, thread: true, body: assignmentRequestSchema, summary: 'Assign (supervisors: to anyone)' },
  'POST /api/threads/:threadId/status': { who: ANY_AGENT, thread: true, body: statusRequestSchema, summary: 'Open, pend or close' },
  'PUT /api/threads/:threadId/tags': { who: ANY_AGENT, thread: true, body: tagsRequestSchema, summary: 'Set tags' },
  'PUT /api/threads/:threadId/risk': { who: ANY_AGENT, thread: true, body: riskOverrideRequestSchema, summary: 'Override the triaged risk' },
  'POST /api/threads/:threadId/merge': { who: ANY_AGENT, thread: true, body: mergeRequestSchema, summary: 'Merge into another thread' },

  'GET /api/escalations': { who: ANY_AGENT, scope: 'threads:read', query: escalationListQuerySchema, summary: 'Open escalations' },
  'POST /api/escalations/:escalationId/acknowledge': { who: ANY_AGENT, summary: 'Acknowledge an escalation' },
  'POST /api/escalations/:escalationId/resolve': { who: ANY_AGENT, body: escalationResolutionSchema, summary: 'Resolve an escalation' },
  'GET /api/escalations/options': { who: ANY_AGENT, summary: 'Outcome kinds and the incident hand-off' },
  'POST /api/escalations/:escalationId/incident': { who: ANY_AGENT, body: incidentNumberRequestSchema, summary: 'Record the incident number' },

  'GET /api/integrations/webhooks': { who: ADMINS, summary: 'Outbound webhook subscriptions' },
  'POST /api/integrations/webhooks': { who: ADMINS, body: webhookSubscriptionRequestSchema, summary: 'Subscribe a receiver (its secret is shown once)' },
  'PATCH /api/integrations/webhooks/:subscriptionId': { who: ADMINS, body: webhookSubscriptionUpdateSchema, summary: 'Pause or resume a subscription' },
  'DELETE /api/integrations/webhooks/:subscriptionId': { who: ADMINS, summary: 'Delete a subscription' },
  'GET /api/integrations/webhooks/:subscriptionId/deliveries': { who: ADMINS, summary: "A subscription's delivery log" },
  'POST /api/integrations/webhooks/:subscriptionId/deliveries/:deliveryId/retry': { who: ADMINS, summary: 'Send a failed delivery again' },

  'GET /api/directory': { who: ANY_AGENT, summary: 'Agents and teams' },
  'GET /api/presence': { who: ANY_AGENT, summary: "Who is on shift, each team's queue" },
  'PUT /api/presence/me': { who: ANY_AGENT, body: availabilityRequestSchema, summary: 'Set yourself away or back' },

  'GET /api/canned-responses': { who: ANY_AGENT, summary: 'Canned responses' },
  'POST /api/canned-responses': { who: SUPERVISORS, body: cannedResponseRequestSchema, summary: 'Write a canned response' },
  'PUT /api/canned-responses/:id': { who: SUPERVISORS, body: cannedResponseRequestSchema, summary: 'Change a canned response' },
  'DELETE /api/canned-responses/:id': { who: SUPERVISORS, summary: 'Delete a canned response' },

  'GET /api/broadcasts': { who: ANY_AGENT, query: broadcastListQuerySchema, summary: 'Broadcasts' },
  'GET /api/broadcasts/:id': { who: ANY_AGENT, summary: 'A broadcast' },
  'POST /api/broadcasts': { who: ANY_AGENT, scope: 'broadcasts:write', body: broadcastDraftSchema, summary: 'Draft a broadcast' },
  'PUT /api/broadcasts/:id': { who: ANY_AGENT, scope: 'broadcasts:write', body: broadcastDraftSchema, summary: 'Edit a draft' },
  'POST /api/broadcasts/:id/submit': { who: ANY_AGENT, scope: 'broadcasts:write', summary: 'Submit for approval (or publish)' },
  'POST /api/broadcasts/:id/approve': { who: SUPERVISORS, summary: 'Approve and publish' },
  'POST /api/broadcasts/:id/return': { who: SUPERVISORS, body: broadcastReturnSchema, summary: 'Return with a comment' },
  'POST /api/broadcasts/:id/channels/:channel/retry': {
    who: ANY_AGENT,
    params: { channel: z.enum(BROADCAST_CHANNELS) },
    summary: 'Retry a failed channel',
  },
  'POST /api/broadcasts/:id/withdraw': { who: ANY_AGENT, body: broadcastWithdrawalSchema, summary: 'Withdraw a published broadcast' },

  'GET /api/reports': { who: SUPERVISORS, scope: 'reports:read', query: reportQuerySchema, summary: 'Workload report' },
  'GET /api/audit': { who: SUPERVISORS, query: auditQuerySchema, summary: 'Search the audit trail' },
  'GET /api/audit/export.csv': { who: SUPERVISORS, query: auditQuerySchema, summary: 'Export the audit trail (audited)' },

  'GET /api/approvals': { who: SUPERVISORS, summary: 'Replies awaiting approval' },
  'POST /api/approvals/:messageId/approve': { who: SUPERVISORS, body: approveReplyRequestSchema, summary: 'Approve a held reply (optionally edited)' },
  'POST /api/approvals/:messageId/return': { who: SUPERVISORS, body: returnReplyRequestSchema, summary: 'Return a held reply with a comment' },
  'POST /api/approvals/:messageId/resubmit': { who: ANY_AGENT, body: resubmitReplyRequestSchema, summary: 'Resubmit your returned reply' },

  'GET /api/routing': { who: SUPERVISORS, summary: "Each agent's load and availability" },
  'PUT /api/routing/teams/:teamId': { who: ADMINS, body: teamRoutingRequestSchema, summary: "Set a team's routing mode" },
  'PUT /api/routing/agents/:agentId': { who: ADMINS, body: agentSettingsRequestSchema, summary: "Set an agent's limit, languages and approval flag" },

  'POST /api/uploads': { who: ANY_AGENT, summary: 'Upload an image (raw bytes; JPEG, PNG, GIF or WebP by content)' },
  'GET /api/uploads/:id': { who: ANY_AGENT, summary: 'An uploaded image' },

  'GET /api/api-tokens': { who: ADMINS, summary: "Integrations' API tokens" },
  'POST /api/api-tokens': { who: ADMINS, body: apiTokenRequestSchema, summary: 'Create a token (its secret is shown once)' },
  'POST /api/api-tokens/:id/revoke': { who: ADMINS, summary: 'Revoke a token at once' },
};
