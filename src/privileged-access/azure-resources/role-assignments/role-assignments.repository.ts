import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';
import {
  RoleAssignmentEntity,
  type RoleAssignmentState,
} from './role-assignment.entity.js';

/** Who holds which role on which resource: the key of an assignment. */
export interface AssignmentKey {
  readonly tenantId: string;
  readonly resourceId: string;
  readonly roleDefinitionId: string;
  readonly subjectId: string;
}

/** Which assignments of a tenant a list shows, a page at a time in the order of their ids. */
export interface AssignmentSelection {
  readonly resourceIds: readonly string[];
  readonly assignmentState: RoleAssignmentState;
  readonly subjectId?: string;
  /** Only those that have not ended by then. */
  readonly notEndedAt: Date;
  /** The last id of the previous page. */
  readonly after?: string;
  readonly limit: number;
}

/**
 * The role assignments' own table, for the modules that grant, extend and end assignments and
 * for the surfaces that read them: plain SQL written once from the entity's metadata, in the
 * caller's unit of work when it runs in one.
 */
@Injectable()
export class RoleAssignmentsRepository extends TenantKeyedReads(
  RoleAssignmentEntity,
) {
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly administrators: ResourceAdministratorsSql;
  private readonly expiredSql: string;
  private readonly removeSql: string;
  private readonly inEffectSql: string;
  private readonly insertSql: string;
  private readonly setEndSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super(dataSource, sql);
    const assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.assignments = assignments;
    this.administrators = new ResourceAdministratorsSql(dataSource);
    this.expiredSql = `SELECT * FROM ${assignments.table}
      WHERE ${assignments.column('endDateTime')} <= ${assignments.parameter(0)}
      LIMIT ${assignments.parameter(1)}`;
    this.removeSql = `DELETE FROM ${assignments.table}
      WHERE ${assignments.column('tenantId')} = ${assignments.parameter(0)}
        AND ${assignments.column('id')} = ${assignments.parameter(1)}`;
    const end = assignments.column('endDateTime');
    this.inEffectSql = `SELECT * FROM ${assignments.table}
      WHERE ${assignments.column('tenantId')} = ${assignments.parameter(0)}
        AND ${assignments.column('resourceId')} = ${assignments.parameter(1)}
        AND ${assignments.column('roleDefinitionId')} = ${assignments.parameter(2)}
        AND ${assignments.column('subjectId')} = ${assignments.parameter(3)}
        AND ${assignments.column('assignmentState')} = ${assignments.parameter(4)}
        AND (${end} IS NULL OR ${end} > ${assignments.parameter(5)})
      LIMIT 1`;
    this.insertSql = `INSERT INTO ${assignments.table} ${assignments.columnList} VALUES ${assignments.rowPlaceholders(0)}`;
    this.setEndSql = `UPDATE ${assignments.table} SET ${end} = ${assignments.parameter(0)}
      WHERE ${assignments.column('tenantId')} = ${assignments.parameter(1)}
        AND ${assignments.column('id')} = ${assignments.parameter(2)}`;
  }

  /** The assignment of that key and state in effect at `at`, if any. */
  async inEffect(
    key: AssignmentKey,
    assignmentState: RoleAssignmentEntity['assignmentState'],
    at: Date,
  ): Promise<RoleAssignmentEntity | undefined> {
    const [entity] = await this.assignments.read(this.sql, this.inEffectSql, [
      key.tenantId,
      key.resourceId,
      key.roleDefinitionId,
      key.subjectId,
      assignmentState,
      this.assignments.valueOf('endDateTime', at),
    ]);
    return entity;
  }

  /**
   * Whether the user holds an active Owner or User Access Administrator assignment on the
   * resource at `at`: whether the user administers it.
   */
  async administers(
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
    const [row] = await this.sql.rows(
      `SELECT CASE WHEN ${administers} THEN 1 ELSE 0 END AS found`,
      parameters,
    );
    return Number(row?.found) === 1;
  }

  /** A page of the tenant's assignments on some resources that have not ended, by id. */
  async select(
    tenantId: string,
    selection: AssignmentSelection,
  ): Promise<RoleAssignmentEntity[]> {
    if (selection.resourceIds.length === 0) {
      return [];
    }
    const a = this.assignments;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => a.parameter(parameters.push(value) - 1);
    const end = a.column('endDateTime');
    // Bound in the order they appear: SQLite's placeholders are positional.
    const conditions = [
      `${a.column('tenantId')} = ${bind(tenantId)}`,
      `${a.column('resourceId')} IN (${selection.resourceIds.map(bind).join(', ')})`,
      `${a.column('assignmentState')} = ${bind(selection.assignmentState)}`,
      `(${end} IS NULL OR ${end} > ${bind(a.valueOf('endDateTime', selection.notEndedAt))})`,
      ...(selection.subjectId === undefined
        ? []
        : [`${a.column('subjectId')} = ${bind(selection.subjectId)}`]),
      ...(selection.after === undefined
        ? []
        : [`${a.column('id')} > ${bind(selection.after)}`]),
    ];
    return a.read(
      this.sql,
      `SELECT * FROM ${a.table}
        WHERE ${conditions.join(' AND ')}
        ORDER BY ${a.column('id')}
        LIMIT ${bind(selection.limit)}`,
      parameters,
    );
  }

  async insert(assignment: RoleAssignmentEntity): Promise<void> {
    await this.sql.run(this.insertSql, this.assignments.valuesOf(assignment));
  }

  /** Sets when an assignment ends (now, for a removal; later, for an extension). */
  async setEnd(
    assignment: RoleAssignmentEntity,
    end: Date | null,
  ): Promise<void> {
    await this.sql.run(this.setEndSql, [
      this.assignments.valueOf('endDateTime', end),
      assignment.tenantId,
      assignment.id,
    ]);
  }

  /** Up to `limit` assignments of any tenant whose end is at or before `at`. */
  async endedBy(at: Date, limit: number): Promise<RoleAssignmentEntity[]> {
    return this.assignments.read(this.sql, this.expiredSql, [
      this.assignments.valueOf('endDateTime', at),
      limit,
    ]);
  }

  /** Deletes an assignment; resolves to whether there was one to delete. */
  async remove(assignment: { tenantId: string; id: string }): Promise<boolean> {
    const deleted = await this.sql.run(this.removeSql, [
      assignment.tenantId,
      assignment.id,
    ]);
    return deleted > 0;
  }
}
