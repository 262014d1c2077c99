import { z } from 'zod';

/**
 * What an integration's API token may do. Each REST route names the one scope that admits a
 * token (server/auth/route-policy.ts); a route naming none is for signed-in staff only.
 */
export const API_TOKEN_SCOPES = ['threads:read', 'messages:write', 'reports:read', 'broadcasts:write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const apiTokenRequestSchema = z.object({
  name: z.string().trim().min(1, 'name the integration').max(80),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1, 'choose at least one scope'),
});
export type ApiTokenRequest = z.infer<typeof apiTokenRequestSchema>;

export const apiTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;

export const apiTokenListResponseSchema = z.object({ tokens: z.array(apiTokenViewSchema) });
export type ApiTokenListResponse = z.infer<typeof apiTokenListResponseSchema>;

/** The token itself is in this answer only: the desk keeps its hash. */
export const apiTokenCreatedResponseSchema = z.object({ token: apiTokenViewSchema, secret: z.string() });
export type ApiTokenCreatedResponse = z.infer<typeof apiTokenCreatedResponseSchema>;
