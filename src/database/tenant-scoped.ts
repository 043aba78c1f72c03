import { PrimaryColumn, Table, type TableColumnOptions } from 'typeorm';

/**
 * An entity of one tenant, keyed by (tenant, id): every query is within a tenant, and the key's
 * order serves a tenant's lists paged by id. Two tenants may hold the same id.
 */
export abstract class TenantScopedEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;
}

/** The migration's table of a TenantScopedEntity: the key columns, then `columns`. */
export function tenantScopedTable(
  name: string,
  columns: TableColumnOptions[],
): Table {
  return new Table({
    name,
    columns: [
      { name: 'tenant_id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      ...columns,
    ],
  });
}
