import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AgentView } from '../../shared/api';
import type { ApiTokenRequest, ApiTokenScope, ApiTokenView } from '../../shared/api-tokens';
import { recordAudit } from '../audit/audit';
import { presentAgent } from '../auth/agents.service';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { agents, apiTokens } from '../db/schema';
import { HttpError } from '../http/errors';

/** Recognisable in logs and secret scanners, like GitHub's `ghp_`. */
const TOKEN_PREFIX = 'sdt_';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface TokenPrincipal {
  tokenId: string;
  scopes: ApiTokenScope[];
  /** The token's own (inactive) agent row: what it does is attributed to it. */
  agent: AgentView;
}

/** Creates a token; its secret is returned here once and never stored. */
export async function createApiToken(db: Database, admin: AgentView, request: ApiTokenRequest): Promise<{ token: ApiTokenView; secret: string }> {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const tokenId = await db.transaction(async (tx) => {
    const [actor] = await tx
      .insert(agents)
      .values({
        name: `API token: ${request.name}`,
        email: `api-token-${randomBytes(8).toString('hex')}@api-tokens.invalid`,
        // Never used: the row is inactive, so no one can sign in as a token.
        passwordHash: await hashPassword(randomBytes(32).toString('hex')),
        role: 'agent',
        active: false,
      })
      .returning({ id: agents.id });
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: request.name, tokenHash: hashOf(secret), scopes: [...new Set(request.scopes)], actorAgentId: actor!.id, createdById: admin.id })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { action: 'api_token.created', actorAgentId: admin.id, details: { tokenId: row!.id, scopes: request.scopes } });
    return row!.id;
  });
  return { token: (await listApiTokens(db)).find((token) => token.id === tokenId)!, secret };
}

/** Revoked at once: the next request with it is refused. */
export async function revokeApiToken(db: Database, admin: AgentView, tokenId: string): Promise<void> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) {
    const [exists] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, tokenId));
    if (!exists) throw new HttpError(404, 'api_token_not_found', 'No such API token.');
    return;
  }
  await recordAudit(db, { action: 'api_token.revoked', actorAgentId: admin.id, details: { tokenId } });
}

export async function listApiTokens(db: Database): Promise<ApiTokenView[]> {
  const creator = alias(agents, 'creator');
  const rows = await db
    .select({ token: apiTokens, creatorName: creator.name })
    .from(apiTokens)
    .leftJoin(creator, eq(creator.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ token, creatorName }) => ({
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdById ? { id: token.createdById, name: creatorName ?? 'Unknown agent' } : null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  }));
}

export type TokenLookup = { status: 'valid'; principal: TokenPrincipal } | { status: 'revoked'; tokenId: string } | { status: 'unknown' };

/** Who a bearer token is, read from the database on every request so a revocation holds at once. */
export async function authenticateApiToken(db: Database, secret: string): Promise<TokenLookup> {
  if (!secret.startsWith(TOKEN_PREFIX)) return { status: 'unknown' };
  const [row] = await db
    .select({ token: apiTokens, actor: agents })
    .from(apiTokens)
    .innerJoin(agents, eq(agents.id, apiTokens.actorAgentId))
    .where(eq(apiTokens.tokenHash, hashOf(secret)));
  if (!row) return { status: 'unknown' };
  if (row.token.revokedAt) return { status: 'revoked', tokenId: row.token.id };
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  return { status: 'valid', principal: { tokenId: row.token.id, scopes: row.token.scopes, agent: presentAgent(row.actor) } };
}
