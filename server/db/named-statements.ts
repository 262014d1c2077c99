import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from './database';

const dialect = new PgDialect();

/**
 * Runs a hand-written statement of fixed text as a named prepared statement: on a PostgreSQL server
 * each connection parses it once and, after a few runs, keeps its plan, instead of parsing and
 * planning it at every call (for the ingest's batch statements, a fifth of PostgreSQL's time per
 * batch; bench, issue 12). The text must be the same at every call of a name; only values vary.
 * PGlite runs it as any other statement. Answers the driver's result (`rowsOf` reads its rows).
 */
export function executeNamed(db: Database | Transaction, name: string, query: SQL): Promise<unknown> {
  return db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
