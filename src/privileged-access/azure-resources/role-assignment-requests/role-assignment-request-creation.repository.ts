import { Injectable } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { ResourceEntity } from '../resources/resource.entity.js';
import type { AssignmentKey } from '../role-assignments/role-assignments.repository.js';
import { RoleDefinitionEntity } from '../role-definitions/role-definition.entity.js';
import { RoleSettingEntity } from '../role-settings/role-setting.entity.js';
import { SubjectEntity } from '../subjects/subject.entity.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  type AssignmentState,
  PENDING_SUB_STATUSES,
} from './role-assignment-request.model.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';

/**
 * What creating a request reads and writes, in the caller's unit of work when it runs in one:
 * the resource, role, subject and settings it names, the pending requests it must not collide
 * with, whether the caller administers the resource, and the request it writes.
 */
@Injectable()
export class RoleAssignmentRequestCreationRepository {
  private readonly resources: EntitySql<ResourceEntity>;
  private readonly definitions: EntitySql<RoleDefinitionEntity>;
  private readonly subjects: EntitySql<SubjectEntity>;
  private readonly settings: EntitySql<RoleSettingEntity>;
  private readonly requests: EntitySql<RoleAssignmentRequestEntity>;
  private readonly administrators: ResourceAdministratorsSql;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    this.resources = new EntitySql(dataSource, ResourceEntity);
    this.definitions = new EntitySql(dataSource, RoleDefinitionEntity);
    this.subjects = new EntitySql(dataSource, SubjectEntity);
    this.settings = new EntitySql(dataSource, RoleSettingEntity);
    this.requests = new EntitySql(dataSource, RoleAssignmentRequestEntity);
    this.administrators = new ResourceAdministratorsSql(dataSource);
  }

  resource(tenantId: string, id: string) {
    return this.one(this.resources, { tenantId, id });
  }

  roleDefinition(tenantId: string, id: string) {
    return this.one(this.definitions, { tenantId, id });
  }

  subject(tenantId: string, id: string) {
    return this.one(this.subjects, { tenantId, id });
  }

  settingOf(tenantId: string, roleDefinitionId: string) {
    return this.one(this.settings, { tenantId, roleDefinitionId });
  }

  /** Whether a request about the same assignment (and state) is still pending. */
  async pendingRequestExists(
    key: AssignmentKey,
    assignmentState: AssignmentState,
  ): Promise<boolean> {
    const sql = this.requests;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    const rows = await this.sql.rows(
      `SELECT 1 AS found FROM ${sql.table}
        WHERE ${sql.column('tenantId')} = ${bind(key.tenantId)}
          AND ${sql.column('resourceId')} = ${bind(key.resourceId)}
          AND ${sql.column('roleDefinitionId')} = ${bind(key.roleDefinitionId)}
          AND ${sql.column('subjectId')} = ${bind(key.subjectId)}
          AND ${sql.column('assignmentState')} = ${bind(assignmentState)}
          AND ${sql.column('subStatus')} IN (${PENDING_SUB_STATUSES.map(bind).join(', ')})
        LIMIT 1`,
      parameters,
    );
    return rows.length > 0;
  }

  /** Whether the user holds an active Owner or User Access Administrator role on the resource. */
  async administers(
    tenantId: string,
    resourceId: string,
    userId: string,
    at: Date,
  ): Promise<boolean> {
    const parameters: unknown[] = [];
    const bind = (value: unknown) =>
      this.requests.parameter(parameters.push(value) - 1);
    const administers = this.administrators.exists(
      { tenant: () => bind(tenantId), resource: () => bind(resourceId) },
      userId,
      at,
      bind,
    );
    const [row] = await this.sql.rows(
      `SELECT CASE WHEN ${administers} THEN 1 ELSE 0 END AS found`,
      parameters,
    );
    return Number(row?.found) === 1;
  }

  insertRequest(request: RoleAssignmentRequestEntity) {
    return this.insert(this.requests, request);
  }

  private async one<T extends ObjectLiteral>(
    sql: EntitySql<T>,
    where: Partial<Record<keyof T & string, string>>,
  ): Promise<T | undefined> {
    const entries = Object.entries(where) as [keyof T & string, string][];
    const conditions = entries.map(
      ([property], index) =>
        `${sql.column(property)} = ${sql.parameter(index)}`,
    );
    const [row] = await this.sql.rows(
      `SELECT * FROM ${sql.table} WHERE ${conditions.join(' AND ')} LIMIT 1`,
      entries.map(([, value]) => value),
    );
    return row ? sql.hydrate(row) : undefined;
  }

  private async insert<T extends ObjectLiteral>(
    sql: EntitySql<T>,
    entity: T,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO ${sql.table} ${sql.columnList} VALUES ${sql.rowPlaceholders(0)}`,
      sql.valuesOf(entity),
    );
  }
}
