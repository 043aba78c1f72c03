import 'reflect-metadata';
import { loadAppConfig } from '../config/app-config.js';
import { AppDataSource } from '../database/app-data-source.js';
import { buildDataSourceOptions } from '../database/database-options.js';
import { MIGRATIONS } from '../migrations.js';

/**
 * The DataSource of the TypeORM command line (`npm run migration:run`,
 * `npm run migration:generate -- <path>`), configured by the same environment as the service.
 * It loads the compiled entities, so the commands run on the build (`dist/`).
 */
export default new AppDataSource({
  ...buildDataSourceOptions(loadAppConfig(process.env).database, MIGRATIONS),
  entities: [new URL('../**/*.entity.js', import.meta.url).pathname],
});
