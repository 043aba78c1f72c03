import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryResult, Repository } from 'typeorm';
import { bulkUpsert } from '../../../database/bulk-upsert.js';
import { TransactionRunner } from '../../../database/transaction-runner.js';
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

@Injectable()
export class RoleAssignmentRequestsRepository {
  constructor(
    @InjectRepository(RoleAssignmentRequestEntity)
    private readonly requests: Repository<RoleAssignmentRequestEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  findInTenant(
    tenantId: string,
    id: string,
  ): Promise<RoleAssignmentRequestEntity | null> {
    return this.requests.findOneBy({ tenantId, id });
  }

  async existsInTenant(tenantId: string, id: string): Promise<boolean> {
    return this.requests.existsBy({ tenantId, id });
  }

  /**
   * Moves a request to a new sub-status with one conditional UPDATE (id, tenant and allowed
   * sub-statuses in its WHERE clause), so that of concurrent transitions exactly one wins, and
   * writes its audit record in the same transaction. Returns the sub-status the request had, or
   * undefined when no request of the tenant was in an allowed sub-status.
   */
  applyTransition(transition: Transition): Promise<SubStatus | undefined> {
    return this.transactions.run(async (manager) => {
      const previous = await this.updateSubStatus(manager, transition);
      if (previous !== undefined) {
        await manager.insert(RoleAssignmentRequestAuditEventEntity, {
          id: randomUUID(),
          tenantId: transition.tenantId,
          requestId: transition.requestId,
          fromSubStatus: previous,
          toSubStatus: transition.toSubStatus,
          ...transition.audit,
        });
      }
      return previous;
    });
  }

  /** Inserts the requests, or overwrites those whose id exists, in the caller's transaction. */
  upsert(
    manager: EntityManager,
    requests: RoleAssignmentRequestEntity[],
  ): Promise<void> {
    return bulkUpsert(manager, RoleAssignmentRequestEntity, requests);
  }

  private async updateSubStatus(
    manager: EntityManager,
    transition: Transition,
  ): Promise<SubStatus | undefined> {
    // SET expressions read the row as it was before the UPDATE: previous_sub_status gets the
    // old value, which RETURNING then hands back.
    const [sql, parameters] =
      manager.connection.driver.escapeQueryWithParameters(
        `UPDATE role_assignment_requests
          SET previous_sub_status = sub_status, status = :toStatus, sub_status = :toSubStatus
        WHERE id = :id AND tenant_id = :tenantId AND sub_status IN (:...fromSubStatuses)
        RETURNING previous_sub_status`,
        {
          id: transition.requestId,
          tenantId: transition.tenantId,
          toStatus: transition.toStatus,
          toSubStatus: transition.toSubStatus,
          fromSubStatuses: transition.fromSubStatuses,
        },
      );
    const result = (await manager.queryRunner!.query(
      sql,
      parameters,
      true,
    )) as QueryResult<{
      previous_sub_status: SubStatus;
    }>;
    return result.records[0]?.previous_sub_status;
  }
}
