import { userInfo } from 'node:os';
import pg from 'pg';

/**
 * A PostgreSQL server for tests that need the database as a separate server — reached from two
 * processes (a web and a worker), or through a proxy a test cuts: PGlite lives inside one process
 * and cannot be either. TEST_DATABASE_URL when set; else the server `npm test` found or started;
 * else the machine's own on 127.0.0.1:5432 when it answers; else a clear error saying what to start.
 */
export async function postgresServerUrl(): Promise<string> {
  // TEST_POSTGRES_SERVER_URL: the server `npm test` found or started (scripts/services/postgres.ts).
  const given = process.env.TEST_DATABASE_URL ?? process.env.TEST_POSTGRES_SERVER_URL;
  if (given) return given;
  const local = `postgres://${userInfo().username}@127.0.0.1:5432/postgres`;
  const client = new pg.Client({ connectionString: local, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return local;
  } catch {
    throw new Error(
      'This fault test needs a PostgreSQL server (two processes share its database, or a proxy cuts it): ' +
        'set TEST_DATABASE_URL or start PostgreSQL on 127.0.0.1:5432.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}
