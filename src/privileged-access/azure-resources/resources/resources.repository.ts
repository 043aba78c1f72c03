import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { ResourceEntity } from './resource.entity.js';

/** Which resources around an ARM scope a read covers. */
export interface ScopeReach {
  /** The resources whose ids contain the scope's (its resource groups, their resources). */
  readonly below: boolean;
}

/**
 * The resources' own table, for the modules whose rules read a resource (a request's target)
 * and for the surfaces that address resources by their ARM id (`externalId`), which ARM
 * compares without regard to case.
 */
@Injectable()
export class ResourcesRepository extends TenantKeyedReads(ResourceEntity) {
  private readonly resources: EntitySql<ResourceEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super(dataSource, sql);
    this.resources = new EntitySql(dataSource, ResourceEntity);
  }

  /** The tenant's resource with this ARM id, whatever its case. */
  async findByExternalId(
    tenantId: string,
    externalId: string,
  ): Promise<ResourceEntity | undefined> {
    const [found] = await this.withExternalIds(tenantId, [externalId]);
    return found;
  }

  /**
   * The tenant's resources at an ARM scope and above it (the resources whose ids the scope's
   * starts with, segment by segment), and below it when asked. The root scope ('') covers
   * every resource of the tenant.
   */
  async around(
    tenantId: string,
    scope: string,
    reach: ScopeReach,
  ): Promise<ResourceEntity[]> {
    const atAndAbove = await this.withExternalIds(
      tenantId,
      ancestorIdsOf(scope),
    );
    if (!reach.below && scope !== '') {
      return atAndAbove;
    }
    const r = this.resources;
    const prefix = `${scope.toLowerCase()}/`;
    const below = await this.sql.rows(
      `SELECT * FROM ${r.table}
        WHERE ${r.column('tenantId')} = ${r.parameter(0)}
          AND SUBSTR(LOWER(${r.column('externalId')}), 1, ${prefix.length}) = ${r.parameter(1)}`,
      [tenantId, prefix],
    );
    return [...atAndAbove, ...below.map((row) => r.hydrate(row))];
  }

  private async withExternalIds(
    tenantId: string,
    externalIds: readonly string[],
  ): Promise<ResourceEntity[]> {
    if (externalIds.length === 0) {
      return [];
    }
    const r = this.resources;
    const placeholders = externalIds.map((_id, index) =>
      r.parameter(index + 1),
    );
    const rows = await this.sql.rows(
      `SELECT * FROM ${r.table}
        WHERE ${r.column('tenantId')} = ${r.parameter(0)}
          AND LOWER(${r.column('externalId')}) IN (${placeholders.join(', ')})`,
      [tenantId, ...externalIds.map((id) => id.toLowerCase())],
    );
    return rows.map((row) => r.hydrate(row));
  }
}

/**
 * An ARM id and every id above it: `/subscriptions/s/resourceGroups/g` gives itself and
 * `/subscriptions/s`. Ids name a type and a name in turn, so each ancestor ends after an even
 * number of segments.
 */
export function ancestorIdsOf(scope: string): string[] {
  const segments = scope.split('/').filter(Boolean);
  const ids: string[] = [];
  for (let length = segments.length; length >= 2; length -= 2) {
    ids.push(`/${segments.slice(0, length).join('/')}`);
  }
  return ids;
}
