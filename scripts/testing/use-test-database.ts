import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../../server/db/database';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A migrated database of its own for the test file that calls this at its top level: created
 * before the file's tests and dropped after them. Kept apart from test-database.ts, which the
 * benches load outside vitest.
 */
export function useTestDatabase(): { readonly db: Database } {
  let testDatabase: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    handle = await openDatabase(testDatabase.location);
  });
  afterAll(async () => {
    await handle?.close();
    await testDatabase?.drop();
  });
  return {
    get db() {
      if (!handle) throw new Error('The test database opens in beforeAll: use it inside a test or a hook');
      return handle.db;
    },
  };
}
