import { sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type; only ever written by a generated column. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// 'simple' (no stemming) on purpose: PostgreSQL has no Welsh dictionary, and an English stemmer
// would mangle Welsh words; names, places and reference numbers want exact words anyway.
export const messageSearchVector = sql`to_tsvector('simple', coalesce(text, ''))`;
export const contactSearchVector = sql`to_tsvector('simple', coalesce(display_name, '') || ' ' || coalesce(handle, ''))`;
