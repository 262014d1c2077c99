import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from '../logger';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseLocation = { url: string } | { pgliteDataDir: string | null };

// Beside this file in the source tree; the build copies the folder beside the bundle.
const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens PostgreSQL (a server when a URL is given, else embedded PGlite: in memory when the data
 * dir is null) and applies the committed SQL migrations before anything else touches it.
 */
export async function openDatabase(location: DatabaseLocation, logger?: Logger): Promise<DatabaseHandle> {
  if ('url' in location) {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process.
    pool.on('error', (error) => logger?.warn({ err: error }, 'idle database connection lost'));
    const db = drizzleNodePostgres(pool, { schema });
    await migrateOneAtATime(pool, () => migrateNodePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }));
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => pool.end(),
    };
  }
  if (location.pgliteDataDir) mkdirSync(location.pgliteDataDir, { recursive: true });
  const client = location.pgliteDataDir ? new PGlite(location.pgliteDataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}

// Any number, the same in every process: the desk's own lock for applying migrations.
const MIGRATION_LOCK = 7_204_519;

/**
 * Web and worker processes starting together on a new database would both apply the migrations
 * (and one fail on a table the other just made): one holds a session lock while it migrates, the
 * others wait, then find nothing left to apply.
 */
async function migrateOneAtATime(pool: pg.Pool, migrate: () => Promise<void>): Promise<void> {
  const lockHolder = await pool.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate();
  } finally {
    await lockHolder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lockHolder.release();
  }
}
