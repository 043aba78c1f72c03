import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { bulkUpsert } from '../database/bulk-upsert.js';
import { EntitySql } from '../database/entity-sql.js';
import type { SqlClient } from '../database/sql-client.js';
import type { CollectionSeeder } from './seed-collection.js';
import type { SeedTenantRecordDto } from './seed-record.dto.js';

/**
 * A collection stored as one table of tenant-scoped entities: validated records become entities
 * and are upserted by primary key. A module's seeder says how a record becomes an entity.
 */
export abstract class EntitySeeder<
  TRecord extends SeedTenantRecordDto,
  TEntity extends ObjectLiteral & { tenantId: string; id: string },
> implements CollectionSeeder<TRecord> {
  abstract readonly recordClass: new () => TRecord;
  abstract readonly recordModuleUrl: string;
  private readonly sql: EntitySql<TEntity>;
  private readonly existingSql: string;

  protected constructor(
    dataSource: DataSource,
    private readonly client: SqlClient,
    entity: EntityTarget<TEntity>,
  ) {
    this.sql = new EntitySql(dataSource, entity);
    this.existingSql = `SELECT ${this.sql.column('id')} AS id FROM ${this.sql.table} WHERE ${this.sql.column('tenantId')} = ${this.sql.parameter(0)}`;
  }

  /** The entity of a record, but for its key (GUIDs are stored in lower case). */
  protected abstract toEntity(
    record: TRecord,
  ): Omit<TEntity, 'tenantId' | 'id'>;

  write(records: TRecord[]): Promise<void> {
    return bulkUpsert(
      this.client,
      this.sql,
      records.map(
        (record) =>
          ({
            ...this.toEntity(record),
            tenantId: record.tenantId.toLowerCase(),
            id: record.id.toLowerCase(),
          }) as TEntity,
      ),
    );
  }

  async existingIds(tenantId: string): Promise<Set<string>> {
    const rows = await this.client.rows(this.existingSql, [tenantId]);
    return new Set(rows.map((row) => String(row.id)));
  }
}
