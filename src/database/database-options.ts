import type { Database } from 'better-sqlite3';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { SqliteDatabase } from './sqlite-driver.js';
import { registerUnicodeLower } from './unicode-lower.js';

/** Every module's migrations, in the order they run; the composition root lists them. */
export type Migrations = readonly (new () => MigrationInterface)[];

/** Options shared by the running service and the command-line tools. */
export function buildDataSourceOptions(
  database: DatabaseConfig,
  migrations: Migrations,
): DataSourceOptions {
  const common = {
    migrations: [...migrations],
    // Migrations run through runPendingMigrations (DatabaseModule), under a lock on PostgreSQL.
    migrationsRun: false,
    synchronize: false,
  };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      schema: database.schema,
      extra: {
        max: database.poolSize,
        // A database that does not answer fails the call (503) instead of holding it forever.
        connectionTimeoutMillis: 5000,
        // Our own SQL names tables without a schema: the connection's search_path finds them.
        ...(database.schema && {
          options: `-c search_path=${database.schema}`,
        }),
      },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    driver: SqliteDatabase,
    database: database.path,
    // WAL lets readers in other processes (the seed command, backups) work while we write;
    // with WAL, synchronous=NORMAL loses no committed data on a process crash and skips an
    // fsync per commit (a power loss may undo the last commits, never corrupt the file).
    enableWAL: true,
    // Migrations and the command-line tools wait for the lock here; the service's own
    // statements wait without blocking its event loop (SqlClient).
    timeout: database.busyTimeoutMs,
    prepareDatabase: (connection: Pick<Database, 'pragma' | 'function'>) => {
      connection.pragma('synchronous = NORMAL');
      registerUnicodeLower(connection);
    },
  };
}
