import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseLocation } from '../../server/db/database';

export interface TestDatabase {
  location: DatabaseLocation;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh database on the server in TEST_DATABASE_URL
 * when set (CI), else an in-memory PGlite.
 */
export async function createTestDatabase(serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) return { location: { pgliteDataDir: null }, drop: async () => {} };

  const name = `sd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    location: { url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
