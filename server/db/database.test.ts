import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresServerUrl } from '../../scripts/testing/postgres-server';
import { createTestDatabase, type TestDatabase } from '../../scripts/testing/test-database';
import { openDatabase, type DatabaseHandle } from './database';
import { channels } from './schema';

// Several processes (web, worker, a second web) start together against a new database, as after
// a first deployment: each applies the migrations, so they must not trip over one another.

let database: TestDatabase;
const opened: DatabaseHandle[] = [];
beforeAll(async () => {
  database = await createTestDatabase(await postgresServerUrl());
});
afterAll(async () => {
  await Promise.all(opened.map((handle) => handle.close()));
  await database?.drop();
});

describe('three desk processes opening a new database at the same moment', () => {
  it('all start, the migrations applied once', async () => {
    const results = await Promise.allSettled([0, 1, 2].map(() => openDatabase(database.location)));
    for (const result of results) if (result.status === 'fulfilled') opened.push(result.value);
    expect(results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    expect(await opened[0]!.db.select().from(channels)).toEqual([]);
  });
});
