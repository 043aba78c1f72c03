import { Injectable } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import type { SqlSession } from '../../../database/sql-client.js';
import { ResourceEntity } from '../resources/resource.entity.js';
import { RoleAssignmentEntity } from '../role-assignments/role-assignment.entity.js';
import { RoleDefinitionEntity } from '../role-definitions/role-definition.entity.js';
import { RoleSettingEntity } from '../role-settings/role-setting.entity.js';
import { SubjectEntity } from '../subjects/subject.entity.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  type AssignmentState,
  PENDING_SUB_STATUSES,
} from './role-assignment-request.model.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';

/** Who holds which role on which resource: the key of an assignment a request is about. */
export interface AssignmentKey {
  readonly tenantId: string;
  readonly resourceId: string;
  readonly roleDefinitionId: string;
  readonly subjectId: string;
}

/**
 * What creating a request reads and writes, all within the caller's transaction: the
 * resource, role, subject and settings it names, the assignments and pending requests it
 * must not collide with, and the request and assignment it writes.
 */
@Injectable()
export class RoleAssignmentRequestCreationRepository {
  private readonly resources: EntitySql<ResourceEntity>;
  private readonly definitions: EntitySql<RoleDefinitionEntity>;
  private readonly subjects: EntitySql<SubjectEntity>;
  private readonly settings: EntitySql<RoleSettingEntity>;
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly requests: EntitySql<RoleAssignmentRequestEntity>;
  private readonly administrators: ResourceAdministratorsSql;

  constructor(dataSource: DataSource) {
    this.resources = new EntitySql(dataSource, ResourceEntity);
    this.definitions = new EntitySql(dataSource, RoleDefinitionEntity);
    this.subjects = new EntitySql(dataSource, SubjectEntity);
    this.settings = new EntitySql(dataSource, RoleSettingEntity);
    this.assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.requests = new EntitySql(dataSource, RoleAssignmentRequestEntity);
    this.administrators = new ResourceAdministratorsSql(dataSource);
  }

  resource(session: SqlSession, tenantId: string, id: string) {
    return this.one(session, this.resources, { tenantId, id });
  }

  roleDefinition(session: SqlSession, tenantId: string, id: string) {
    return this.one(session, this.definitions, { tenantId, id });
  }

  subject(session: SqlSession, tenantId: string, id: string) {
    return this.one(session, this.subjects, { tenantId, id });
  }

  settingOf(session: SqlSession, tenantId: string, roleDefinitionId: string) {
    return this.one(session, this.settings, { tenantId, roleDefinitionId });
  }

  /** The assignment of that key and state in effect at `at`, if any. */
  async assignment(
    session: SqlSession,
    key: AssignmentKey,
    assignmentState: AssignmentState,
    at: Date,
  ): Promise<RoleAssignmentEntity | undefined> {
    const sql = this.assignments;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    const [row] = await session.rows(
      `SELECT * FROM ${sql.table}
        WHERE ${sql.column('tenantId')} = ${bind(key.tenantId)}
          AND ${sql.column('resourceId')} = ${bind(key.resourceId)}
          AND ${sql.column('roleDefinitionId')} = ${bind(key.roleDefinitionId)}
          AND ${sql.column('subjectId')} = ${bind(key.subjectId)}
          AND ${sql.column('assignmentState')} = ${bind(assignmentState)}
          AND (${sql.column('endDateTime')} IS NULL OR ${sql.column('endDateTime')} > ${bind(sql.valueOf('endDateTime', at))})
        LIMIT 1`,
      parameters,
    );
    return row ? sql.hydrate(row) : undefined;
  }

  /** Whether a request about the same assignment (and state) is still pending. */
  async pendingRequestExists(
    session: SqlSession,
    key: AssignmentKey,
    assignmentState: AssignmentState,
  ): Promise<boolean> {
    const sql = this.requests;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    const rows = await session.rows(
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
    session: SqlSession,
    tenantId: string,
    resourceId: string,
    userId: string,
    at: Date,
  ): Promise<boolean> {
    const parameters: unknown[] = [];
    const bind = (value: unknown) =>
      this.assignments.parameter(parameters.push(value) - 1);
    const administers = this.administrators.exists(
      { tenant: () => bind(tenantId), resource: () => bind(resourceId) },
      userId,
      at,
      bind,
    );
    const [row] = await session.rows(
      `SELECT CASE WHEN ${administers} THEN 1 ELSE 0 END AS found`,
      parameters,
    );
    return Number(row?.found) === 1;
  }

  insertRequest(session: SqlSession, request: RoleAssignmentRequestEntity) {
    return this.insert(session, this.requests, request);
  }

  /**
   * Writes the assignment a request grants, under the request's id: its end can then close that
   * request (Revoked).
   */
  grantAssignment(
    session: SqlSession,
    request: RoleAssignmentRequestEntity,
  ): Promise<void> {
    return this.insert(session, this.assignments, {
      tenantId: request.tenantId,
      id: request.id,
      resourceId: request.resourceId,
      roleDefinitionId: request.roleDefinitionId,
      subjectId: request.subjectId,
      linkedEligibleRoleAssignmentId: request.linkedEligibleRoleAssignmentId,
      externalId: `/roleAssignments/${request.id}`,
      startDateTime: request.scheduleStartDateTime,
      endDateTime: request.scheduleEndDateTime,
      assignmentState: request.assignmentState,
      memberType: 'Direct',
      status: 'Provisioned',
    });
  }

  /** Sets when an assignment ends (now, for a removal; later, for an extension). */
  async endAssignment(
    session: SqlSession,
    assignment: RoleAssignmentEntity,
    end: Date | null,
  ): Promise<void> {
    const sql = this.assignments;
    await session.run(
      `UPDATE ${sql.table} SET ${sql.column('endDateTime')} = ${sql.parameter(0)}
        WHERE ${sql.column('tenantId')} = ${sql.parameter(1)} AND ${sql.column('id')} = ${sql.parameter(2)}`,
      [sql.valueOf('endDateTime', end), assignment.tenantId, assignment.id],
    );
  }

  private async one<T extends ObjectLiteral>(
    session: SqlSession,
    sql: EntitySql<T>,
    where: Partial<Record<keyof T & string, string>>,
  ): Promise<T | undefined> {
    const entries = Object.entries(where) as [keyof T & string, string][];
    const conditions = entries.map(
      ([property], index) =>
        `${sql.column(property)} = ${sql.parameter(index)}`,
    );
    const [row] = await session.rows(
      `SELECT * FROM ${sql.table} WHERE ${conditions.join(' AND ')} LIMIT 1`,
      entries.map(([, value]) => value),
    );
    return row ? sql.hydrate(row) : undefined;
  }

  private async insert<T extends ObjectLiteral>(
    session: SqlSession,
    sql: EntitySql<T>,
    entity: T,
  ): Promise<void> {
    await session.run(
      `INSERT INTO ${sql.table} ${sql.columnList} VALUES ${sql.rowPlaceholders(0)}`,
      sql.valuesOf(entity),
    );
  }
}
