import { z } from 'zod';
import { LANGUAGES, MAX_REPLY_LENGTH, ROUTING_MODES } from './constants';
import { messageViewSchema } from './api';

// Supervision (issue 13): reply approval and capacity-aware routing.

/** Approve as written, or with the supervisor's edit (recorded beside the author's text). */
export const approveReplyRequestSchema = z.object({
  text: z.string().trim().min(1, 'A reply needs some text').max(MAX_REPLY_LENGTH).optional(),
});
export type ApproveReplyRequest = z.infer<typeof approveReplyRequestSchema>;

export const returnReplyRequestSchema = z.object({
  comment: z.string().trim().min(1, 'Say what to change').max(2000),
});
export type ReturnReplyRequest = z.infer<typeof returnReplyRequestSchema>;

/** The author's edited reply, sent back for approval. */
export const resubmitReplyRequestSchema = z.object({
  text: z.string().trim().min(1, 'A reply needs some text').max(MAX_REPLY_LENGTH),
});
export type ResubmitReplyRequest = z.infer<typeof resubmitReplyRequestSchema>;

/** A reply held for approval, as supervisors list it and as its author hears of the outcome. */
export const approvalViewSchema = z.object({
  message: messageViewSchema,
  thread: z.object({ id: z.string(), reference: z.string() }),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ApprovalView = z.infer<typeof approvalViewSchema>;

export const approvalListResponseSchema = z.object({ approvals: z.array(approvalViewSchema) });
export type ApprovalListResponse = z.infer<typeof approvalListResponseSchema>;

/** What an admin sets on an agent; any part may be left out. */
export const agentSettingsRequestSchema = z
  .object({
    repliesNeedApproval: z.boolean().optional(),
    threadLimit: z.number().int().min(0).max(50).optional(),
    languages: z.array(z.enum(LANGUAGES)).min(1).optional(),
  })
  .refine((settings) => Object.values(settings).some((value) => value !== undefined), 'Nothing to change');
export type AgentSettingsRequest = z.infer<typeof agentSettingsRequestSchema>;

export const teamRoutingRequestSchema = z.object({ mode: z.enum(ROUTING_MODES) });
export type TeamRoutingRequest = z.infer<typeof teamRoutingRequestSchema>;

export const agentLoadSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Threads assigned to the agent that are new or open. */
  openThreads: z.number(),
  threadLimit: z.number(),
  languages: z.array(z.enum(LANGUAGES)),
  repliesNeedApproval: z.boolean(),
  isOnShift: z.boolean(),
  isAway: z.boolean(),
  teamIds: z.array(z.string()),
});
export type AgentLoad = z.infer<typeof agentLoadSchema>;

export const routingOverviewResponseSchema = z.object({
  agents: z.array(agentLoadSchema),
  teams: z.array(z.object({ id: z.string(), name: z.string(), routingMode: z.enum(ROUTING_MODES) })),
});
export type RoutingOverviewResponse = z.infer<typeof routingOverviewResponseSchema>;
