import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { SqlClient } from '../database/sql-client.js';
import { SeedService, type SeedSummary } from './seed.service.js';

/**
 * examples/seed.json of the package, found from this module (src/seeding/ or dist/seeding/), not
 * from the working directory: `npm start` may run anywhere.
 */
export const EXAMPLE_SEED_FILE = fileURLToPath(
  new URL('../../examples/seed.json', import.meta.url),
);

/**
 * The example tenant, loaded at start into a new database so that a new user has data to try at
 * once (SEED_EXAMPLE; main.ts calls it, so `npm run seed` and the e2e test apps never do).
 */
@Injectable()
export class ExampleSeed {
  private readonly logger = new Logger(ExampleSeed.name);

  constructor(
    private readonly config: AppConfig,
    private readonly seeds: SeedService,
    private readonly dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {}

  /**
   * Loads examples/seed.json when SEED_EXAMPLE is on, SEED_FILE is not set (that file is what
   * the operator asked for) and the database is new; returns what was loaded, if anything.
   */
  async loadIfDatabaseIsNew(
    file: string = EXAMPLE_SEED_FILE,
  ): Promise<SeedSummary | undefined> {
    if (!this.config.seedExample || this.config.seedFile) {
      return undefined;
    }
    if (!existsSync(file)) {
      this.logger.warn(`${file} is missing: the example data is not loaded`);
      return undefined;
    }
    if (!(await this.databaseIsNew())) {
      return undefined;
    }
    const summary = await this.seeds.seedFile(file);
    this.logger.log(
      `The database was new: loaded the example data from ${file}: ${JSON.stringify(summary)} (SEED_EXAMPLE=false turns this off)`,
    );
    return summary;
  }

  /**
   * "New" means: no table of any entity holds a row. Not "the first migration ran in this
   * start", which misses a schema migrated apart (DB_MIGRATE=false, `npm run migration:run`) and
   * a first start that stopped between migrating and loading. Any row at all (the example's, a
   * file of `npm run seed`, or a request cancelled since) means the database is someone's data,
   * so a restart never loads the example again nor overwrites what changed. Two servers starting
   * at once on one new PostgreSQL database may both load it: the same upsert twice, same result.
   */
  private async databaseIsNew(): Promise<boolean> {
    try {
      for (const metadata of this.dataSource.entityMetadatas) {
        const table = this.dataSource.driver.escape(metadata.tableName);
        const rows = await this.sql.rows(
          `SELECT 1 AS found FROM ${table} LIMIT 1`,
        );
        if (rows.length > 0) {
          return false;
        }
      }
      return true;
    } catch (error) {
      // A schema not migrated yet (DB_MIGRATE=false): not for us to decide; the start goes on.
      this.logger.warn(
        `Cannot tell whether the database is new (${(error as Error).message}): the example data is not loaded`,
      );
      return false;
    }
  }
}
