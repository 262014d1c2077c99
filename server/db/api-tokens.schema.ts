import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ApiTokenScope } from '../../shared/api-tokens';
import { agents } from './schema';

/**
 * Integrations' API tokens. Only a SHA-256 of the token is kept (it is 256 random bits, so a slow
 * hash adds nothing). Each token acts as its own inactive agent row, so what it does is audited
 * and attributed like anyone's, it can never sign in, and it is in no team (no restricted threads).
 */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes').array().$type<ApiTokenScope[]>().notNull().default(sql`'{}'`),
  actorAgentId: uuid('actor_agent_id')
    .notNull()
    .references(() => agents.id),
  createdById: uuid('created_by_id').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
