import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { MIGRATIONS } from './migrations.js';

/** Options shared by the running service and the command-line tools. */
export function buildDataSourceOptions(
  database: DatabaseConfig,
): DataSourceOptions {
  return {
    type: 'better-sqlite3',
    database: database.path,
    // WAL lets readers in other processes (the seed command, backups) work while we write;
    // with WAL, synchronous=NORMAL loses no committed data on a process crash and skips an
    // fsync per commit (a power loss may undo the last commits, never corrupt the file).
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (database: { pragma: (statement: string) => unknown }) => {
      database.pragma('synchronous = NORMAL');
    },
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
  };
}
