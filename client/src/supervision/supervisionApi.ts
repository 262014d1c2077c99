import { replyResponseSchema, type ReplyResponse } from '../../../shared/api';
import type { RoutingMode } from '../../../shared/constants';
import {
  approvalListResponseSchema,
  routingOverviewResponseSchema,
  type AgentSettingsRequest,
  type ApprovalListResponse,
  type RoutingOverviewResponse,
} from '../../../shared/supervision';
import { request } from '../api';

// Reply approval and routing calls (issue 13), beside the components that use them.

const approvalPath = (messageId: string, action: string) => `/api/approvals/${encodeURIComponent(messageId)}/${action}`;

export function listAwaitingApproval(): Promise<ApprovalListResponse> {
  return request('GET', '/api/approvals', approvalListResponseSchema);
}

/** Approve as written (no text) or with the supervisor's edit. */
export function approveReply(messageId: string, text?: string): Promise<ReplyResponse> {
  return request('POST', approvalPath(messageId, 'approve'), replyResponseSchema, { body: text === undefined ? {} : { text } });
}

export function returnReply(messageId: string, comment: string): Promise<ReplyResponse> {
  return request('POST', approvalPath(messageId, 'return'), replyResponseSchema, { body: { comment } });
}

export function resubmitReply(messageId: string, text: string): Promise<ReplyResponse> {
  return request('POST', approvalPath(messageId, 'resubmit'), replyResponseSchema, { body: { text } });
}

export function getRoutingOverview(): Promise<RoutingOverviewResponse> {
  return request('GET', '/api/routing', routingOverviewResponseSchema);
}

export function setTeamRouting(teamId: string, mode: RoutingMode): Promise<RoutingOverviewResponse> {
  return request('PUT', `/api/routing/teams/${encodeURIComponent(teamId)}`, routingOverviewResponseSchema, { body: { mode } });
}

export function setAgentSettings(agentId: string, settings: AgentSettingsRequest): Promise<RoutingOverviewResponse> {
  return request('PUT', `/api/routing/agents/${encodeURIComponent(agentId)}`, routingOverviewResponseSchema, { body: settings });
}
