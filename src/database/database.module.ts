import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { DataSource } from 'typeorm';
import { AppDataSource } from './app-data-source.js';
import { EntityStore } from '../entity-store/entity-store.js';
import { DependencyFailures } from '../errors/dependency-failures.js';
import { DatabaseFailures } from './database-failures.js';
import { buildDataSourceOptions, type Migrations } from './database-options.js';
import { runPendingMigrations } from './migrate.js';
import { CreateDatabaseWriteProbes1764400001300 } from './migrations/1764400001300-create-database-write-probes.js';
import { SqlClient } from './sql-client.js';
import { SqlEntityStore } from './sql-entity-store.js';
import { UnitOfWork } from './unit-of-work.js';

const MIGRATED = Symbol('database.migrated');

/**
 * The database of the service: the data source, its migrations run at start, and the SqlClient.
 * It knows no feature module: the composition root hands it every migration to run, its own
 * included (src/migrations.ts).
 */
@Global()
@Module({})
export class DatabaseModule {
  /** The database layer's own tables (the write probe of readiness). */
  static readonly migrations = [CreateDatabaseWriteProbes1764400001300];

  static forRoot(options: { migrations: Migrations }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config.database, options.migrations),
            autoLoadEntities: true,
            // A database that cannot be opened will not open on a retry: fail the start at once.
            retryAttempts: 0,
          }),
          dataSourceFactory: (options) =>
            new AppDataSource(options!).initialize(),
        }),
      ],
      providers: [
        { provide: DependencyFailures, useClass: DatabaseFailures },
        {
          provide: MIGRATED,
          inject: [DataSource, AppConfig],
          useFactory: async (dataSource: DataSource, config: AppConfig) => {
            if (config.database.migrateOnStart) {
              await runPendingMigrations(dataSource);
            }
            return true;
          },
        },
        UnitOfWork,
        {
          provide: SqlClient,
          // Depends on MIGRATED: nothing queries the database before its schema is current.
          inject: [DataSource, AppConfig, MIGRATED],
          useFactory: (dataSource: DataSource, config: AppConfig) =>
            SqlClient.for(dataSource, config.database),
        },
        {
          provide: EntityStore,
          inject: [DataSource, SqlClient],
          useFactory: (dataSource: DataSource, sql: SqlClient) =>
            new SqlEntityStore(dataSource, sql),
        },
      ],
      exports: [SqlClient, UnitOfWork, DependencyFailures, EntityStore],
    };
  }
}
