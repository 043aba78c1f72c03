import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bulkUpsert } from '../../../database/bulk-upsert.js';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient, type SqlSession } from '../../../database/sql-client.js';
import { RoleAssignmentRequestAuditEventEntity } from './role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import type {
  AuditAction,
  RequestStatus,
  SubStatus,
} from './role-assignment-request.model.js';

export interface TransitionAudit {
  readonly action: AuditAction;
  readonly actorId: string;
  readonly actorType: 'User' | 'Application';
  readonly occurredDateTime: Date;
  readonly httpRequestId: string;
  readonly clientRequestId: string;
}

export interface Transition {
  readonly tenantId: string;
  readonly requestId: string;
  /** The transition happens only if the request is in one of these sub-statuses. */
  readonly fromSubStatuses: readonly SubStatus[];
  readonly toStatus: RequestStatus;
  readonly toSubStatus: SubStatus;
  readonly audit: TransitionAudit;
}

/** The requests' database access: plain SQL written once from the entities' metadata. */
@Injectable()
export class RoleAssignmentRequestsRepository {
  private readonly requests: EntitySql<RoleAssignmentRequestEntity>;
  private readonly auditEvents: EntitySql<RoleAssignmentRequestAuditEventEntity>;
  private readonly selectInTenant: string;
  private readonly existsInTenantSql: string;
  private readonly insertAuditEvent: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    const requests = new EntitySql(dataSource, RoleAssignmentRequestEntity);
    const auditEvents = new EntitySql(
      dataSource,
      RoleAssignmentRequestAuditEventEntity,
    );
    const inTenant = `${requests.column('tenantId')} = ${requests.parameter(0)} AND ${requests.column('id')} = ${requests.parameter(1)}`;
    this.requests = requests;
    this.auditEvents = auditEvents;
    this.selectInTenant = `SELECT * FROM ${requests.table} WHERE ${inTenant}`;
    this.existsInTenantSql = `SELECT 1 AS found FROM ${requests.table} WHERE ${inTenant} LIMIT 1`;
    this.insertAuditEvent = `INSERT INTO ${auditEvents.table} ${auditEvents.columnList} VALUES ${auditEvents.rowPlaceholders(0)}`;
  }

  async findInTenant(
    tenantId: string,
    id: string,
  ): Promise<RoleAssignmentRequestEntity | null> {
    const [row] = await this.sql.rows(this.selectInTenant, [tenantId, id]);
    return row ? this.requests.hydrate(row) : null;
  }

  async existsInTenant(tenantId: string, id: string): Promise<boolean> {
    const rows = await this.sql.rows(this.existsInTenantSql, [tenantId, id]);
    return rows.length > 0;
  }

  /**
   * Moves a request to a new sub-status with one conditional UPDATE (id, tenant and allowed
   * sub-statuses in its WHERE clause), so that of concurrent transitions exactly one wins, and
   * writes its audit record in the same transaction. Returns the sub-status the request had, or
   * undefined when no request of the tenant was in an allowed sub-status.
   */
  applyTransition(transition: Transition): Promise<SubStatus | undefined> {
    return this.sql.transaction(async (session) => {
      const previous = await this.updateSubStatus(session, transition);
      if (previous !== undefined) {
        await session.run(
          this.insertAuditEvent,
          this.auditEvents.valuesOf({
            id: randomUUID(),
            tenantId: transition.tenantId,
            requestId: transition.requestId,
            fromSubStatus: previous,
            toSubStatus: transition.toSubStatus,
            ...transition.audit,
          }),
        );
      }
      return previous;
    });
  }

  /** Inserts the requests, or overwrites those whose id exists, in the caller's transaction. */
  upsert(
    session: SqlSession,
    requests: readonly RoleAssignmentRequestEntity[],
  ): Promise<void> {
    return bulkUpsert(session, this.requests, requests);
  }

  private async updateSubStatus(
    session: SqlSession,
    transition: Transition,
  ): Promise<SubStatus | undefined> {
    const sql = this.requests;
    const allowed = transition.fromSubStatuses
      .map((_, index) => sql.parameter(4 + index))
      .join(', ');
    // SET expressions read the row as it was before the UPDATE: previous_sub_status gets the
    // old value, which RETURNING then hands back.
    const [row] = await session.rows(
      `UPDATE ${sql.table}
          SET ${sql.column('previousSubStatus')} = ${sql.column('subStatus')},
              ${sql.column('status')} = ${sql.parameter(0)},
              ${sql.column('subStatus')} = ${sql.parameter(1)}
        WHERE ${sql.column('id')} = ${sql.parameter(2)}
          AND ${sql.column('tenantId')} = ${sql.parameter(3)}
          AND ${sql.column('subStatus')} IN (${allowed})
        RETURNING ${sql.column('previousSubStatus')} AS previous`,
      [
        transition.toStatus,
        transition.toSubStatus,
        transition.requestId,
        transition.tenantId,
        ...transition.fromSubStatuses,
      ],
    );
    return row?.previous as SubStatus | undefined;
  }
}
