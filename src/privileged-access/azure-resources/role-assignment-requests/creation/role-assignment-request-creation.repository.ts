import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../../database/entity-sql.js';
import { SqlClient } from '../../../../database/sql-client.js';
import type { AssignmentKey } from '../../role-assignments/role-assignments.repository.js';
import { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import {
  type AssignmentState,
  PENDING_SUB_STATUSES,
} from '../role-assignment-request.model.js';

/**
 * What creating a request reads and writes of the requests table, in the caller's unit of work
 * when it runs in one: the pending requests it must not collide with, and the request it writes.
 */
@Injectable()
export class RoleAssignmentRequestCreationRepository {
  private readonly requests: EntitySql<RoleAssignmentRequestEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    this.requests = new EntitySql(dataSource, RoleAssignmentRequestEntity);
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

  async insertRequest(request: RoleAssignmentRequestEntity): Promise<void> {
    const sql = this.requests;
    await this.sql.run(
      `INSERT INTO ${sql.table} ${sql.columnList} VALUES ${sql.rowPlaceholders(0)}`,
      sql.valuesOf(request),
    );
  }
}
