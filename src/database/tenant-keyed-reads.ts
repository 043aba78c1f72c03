import { Injectable } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import { EntityLookup } from './entity-lookup.js';
import { SqlClient } from './sql-client.js';

interface TenantKeyed extends ObjectLiteral {
  tenantId: string;
  id: string;
}

/**
 * The reads a module exports of its own table keyed by (tenant, id), as the base of its
 * repository: its siblings find an entity there without writing SQL against its table.
 */
export function TenantKeyedReads<T extends TenantKeyed>(target: new () => T) {
  @Injectable()
  class Reads {
    private readonly byKey: EntityLookup<T>;

    constructor(dataSource: DataSource, sql: SqlClient) {
      this.byKey = new EntityLookup<T>(dataSource, sql, target, [
        'tenantId',
        'id',
      ]);
    }

    /** The tenant's entity with that id; another tenant's does not exist for it. */
    find(tenantId: string, id: string): Promise<T | undefined> {
      return this.byKey.find(tenantId, id);
    }
  }
  return Reads;
}
