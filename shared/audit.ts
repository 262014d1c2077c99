import { z } from 'zod';

export const auditQuerySchema = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  actorAgentId: z.string().uuid().optional(),
  threadId: z.string().uuid().optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventViewSchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  threadId: z.string().nullable(),
  threadReference: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditListResponseSchema = z.object({ events: z.array(auditEventViewSchema) });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
