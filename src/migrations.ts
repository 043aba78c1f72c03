import { DatabaseModule } from './database/database.module.js';
import type { Migrations } from './database/database-options.js';
import { FEATURE_MODULES } from './feature-modules.js';
import { IdentityModule } from './identity/identity.module.js';
import { ThrottlingModule } from './throttling/throttling.module.js';

/**
 * Every migration of the service, the database layer's, the throttle's and every feature module's, in the order
 * they run: by the timestamp that ends their names, as TypeORM orders them.
 */
export const MIGRATIONS: Migrations = [
  ...DatabaseModule.migrations,
  ...ThrottlingModule.migrations,
  ...IdentityModule.migrations,
  ...FEATURE_MODULES.flatMap((feature) => feature.migrations),
].sort((first, second) => timestampOf(first) - timestampOf(second));

function timestampOf(migration: Migrations[number]): number {
  return Number(/\d{13}$/.exec(migration.name)?.[0]);
}
