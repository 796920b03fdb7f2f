import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases store tests run on: SQLite always, PostgreSQL when the test
 * runner found one (scripts/test.js sets COSTWISE_TEST_DATABASES and the
 * connection string Backstage's TestDatabases reads).
 */
export function createTestDatabases(): TestDatabases {
  const ids = (process.env.COSTWISE_TEST_DATABASES ?? 'SQLITE_3')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean) as TestDatabaseId[];
  return TestDatabases.create({ ids });
}
