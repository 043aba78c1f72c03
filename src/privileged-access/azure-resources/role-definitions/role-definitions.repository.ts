import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { RoleDefinitionEntity } from './role-definition.entity.js';

/**
 * The role definitions' own table, for the modules whose rules read a role (a request's role)
 * and for the surfaces that name roles by their ARM id (`externalId`).
 */
@Injectable()
export class RoleDefinitionsRepository extends TenantKeyedReads(
  RoleDefinitionEntity,
) {
  private readonly definitions: EntitySql<RoleDefinitionEntity>;
  private readonly byExternalIdSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super(dataSource, sql);
    const d = new EntitySql(dataSource, RoleDefinitionEntity);
    this.definitions = d;
    this.byExternalIdSql = `SELECT * FROM ${d.table}
      WHERE ${d.column('tenantId')} = ${d.parameter(0)}
        AND LOWER(${d.column('externalId')}) = ${d.parameter(1)}
      LIMIT 1`;
  }

  /** The tenant's role definitions of these resources, by id. */
  async ofResources(
    tenantId: string,
    resourceIds: readonly string[],
  ): Promise<RoleDefinitionEntity[]> {
    if (resourceIds.length === 0) {
      return [];
    }
    const d = this.definitions;
    return d.read(
      this.sql,
      `SELECT * FROM ${d.table}
        WHERE ${d.column('tenantId')} = ${d.parameter(0)}
          AND ${d.column('resourceId')} IN (${resourceIds.map((_id, index) => d.parameter(index + 1)).join(', ')})
        ORDER BY ${d.column('id')}`,
      [tenantId, ...resourceIds],
    );
  }

  /** The tenant's role definition with this ARM id, compared without regard to case as ARM does. */
  async findByExternalId(
    tenantId: string,
    externalId: string,
  ): Promise<RoleDefinitionEntity | undefined> {
    const [entity] = await this.definitions.read(
      this.sql,
      this.byExternalIdSql,
      [tenantId, externalId.toLowerCase()],
    );
    return entity;
  }
}
