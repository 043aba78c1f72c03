import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from './database-options.js';
import { SqlClient } from './sql-client.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        autoLoadEntities: true,
        // A database that cannot be opened will not open on a retry: fail the start at once.
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [SqlClient],
  exports: [SqlClient],
})
export class DatabaseModule {}
