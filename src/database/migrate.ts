import { type DataSource, MigrationExecutor } from 'typeorm';

// Any fixed number: the key of the PostgreSQL advisory lock that start-up migrations hold.
const MIGRATION_LOCK_KEY = 7_042_024_001;

/**
 * Runs pending migrations. On PostgreSQL several replicas may start at once: each waits for a
 * session-level advisory lock first, so one migrates and the others then find nothing to do,
 * instead of racing to create the same tables. The migrations run on the lock's own connection,
 * so that a pool of one (DB_POOL_SIZE=1) does not wait for a second connection.
 */
export async function runPendingMigrations(
  dataSource: DataSource,
): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const migrations = new MigrationExecutor(dataSource, lockHolder);
    migrations.transaction = 'all';
    await migrations.executePendingMigrations();
  } finally {
    await lockHolder
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .finally(() => lockHolder.release());
  }
}
