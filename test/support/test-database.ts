import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The database this Jest project runs the e2e suites on (jest.config.mjs sets it). */
export function testDatabaseKind(): TestDatabaseKind {
  return (
    (globalThis as { TEST_DATABASE?: TestDatabaseKind }).TEST_DATABASE ??
    'sqlite'
  );
}

/**
 * `describe` in the postgres project, skipped in the sqlite one: for what only a shared database
 * server has (replicas, a connection that can be cut).
 */
export const describeOnPostgres =
  testDatabaseKind() === 'postgres' ? describe : describe.skip;

export interface TestDatabase {
  /** The DATABASE_URL the app is started with. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one app: a SQLite file in the app's folder, or a new schema in
 * the PostgreSQL database of TEST_DATABASE_URL (test files run in parallel; each app sees only
 * its own tables).
 */
export async function createTestDatabase(
  directory: string,
): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    return {
      url: `sqlite:${path.join(directory, 'pim.sqlite')}`,
      drop: () => Promise.resolve(),
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    throw new Error('the postgres test project needs TEST_DATABASE_URL');
  }
  const schema = `pim_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
