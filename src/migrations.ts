import { DatabaseModule } from './database/database.module.js';
import type { Migrations } from './database/database-options.js';
import { FEATURE_MODULES } from './feature-modules.js';

/**
 * Every migration of the service, the database layer's and every feature module's, in the order
 * they run: by the timestamp that ends their names, as TypeORM orders them.
 */
export const MIGRATIONS: Migrations = [
  ...DatabaseModule.migrations,
  ...FEATURE_MODULES.flatMap((feature) => feature.migrations),
].sort((first, second) => timestampOf(first) - timestampOf(second));

function timestampOf(migration: Migrations[number]): number {
  return Number(/\d{13}$/.exec(migration.name)?.[0]);
}
