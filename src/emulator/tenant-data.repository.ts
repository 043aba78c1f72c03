import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../database/sql-client.js';

/**
 * Every table of tenant-scoped rows, found from the entities' metadata, so that a module added
 * later is emptied too without being listed here.
 */
@Injectable()
export class TenantDataRepository {
  private readonly deletes: readonly { name: string; sql: string }[];

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    const escape = (name: string) => dataSource.driver.escape(name);
    const placeholder = dataSource.options.type === 'postgres' ? '$1' : '?';
    this.deletes = dataSource.entityMetadatas.flatMap((metadata) => {
      const tenant = metadata.columns.find(
        (column) => column.propertyName === 'tenantId',
      );
      return tenant
        ? [
            {
              name: metadata.tableName,
              sql: `DELETE FROM ${escape(metadata.tableName)} WHERE ${escape(tenant.databaseName)} = ${placeholder}`,
            },
          ]
        : [];
    });
  }

  /**
   * Deletes all of a tenant's rows, in the caller's unit of work; returns how many each table
   * held.
   */
  async erase(tenantId: string): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const { name, sql } of this.deletes) {
      deleted[name] = await this.sql.run(sql, [tenantId]);
    }
    return deleted;
  }
}
