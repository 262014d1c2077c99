import { sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type; only ever written by a generated column. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// 'simple' (no stemming) on purpose: PostgreSQL has no Welsh dictionary, and an English stemmer
// would mangle Welsh words; names, places and reference numbers want exact words anyway.
export const messageSearchVector = sql`to_tsvector('simple', coalesce(text, ''))`;
export const contactSearchVector = sql`to_tsvector('simple', coalesce(display_name, '') || ' ' || coalesce(handle, ''))`;

/** The order of "Needs attention": used by the query and by the index that serves it, so keep one copy. */
export const riskRankExpression = sql`(case risk when 'emergency' then 0 when 'priority' then 1 else 2 end)`;
export const waitingStatusesPredicate = sql`status in ('new', 'open', 'pending')`;
