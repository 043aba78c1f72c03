import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';

/**
 * The role assignments' own table, for the modules that grant, extend and end assignments:
 * plain SQL written once from the entity's metadata, in the caller's unit of work when it runs
 * in one.
 */
@Injectable()
export class RoleAssignmentsRepository {
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly expiredSql: string;
  private readonly removeSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    const assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.assignments = assignments;
    this.expiredSql = `SELECT * FROM ${assignments.table}
      WHERE ${assignments.column('endDateTime')} <= ${assignments.parameter(0)}
      LIMIT ${assignments.parameter(1)}`;
    this.removeSql = `DELETE FROM ${assignments.table}
      WHERE ${assignments.column('tenantId')} = ${assignments.parameter(0)}
        AND ${assignments.column('id')} = ${assignments.parameter(1)}`;
  }

  /** Up to `limit` assignments of any tenant whose end is at or before `at`. */
  async endedBy(at: Date, limit: number): Promise<RoleAssignmentEntity[]> {
    const rows = await this.sql.rows(this.expiredSql, [
      this.assignments.valueOf('endDateTime', at),
      limit,
    ]);
    return rows.map((row) => this.assignments.hydrate(row));
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
