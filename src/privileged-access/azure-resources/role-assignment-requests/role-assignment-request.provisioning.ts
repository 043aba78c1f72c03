import { Injectable } from '@nestjs/common';
import type { SqlSession } from '../../../database/sql-client.js';
import { RoleAssignmentRequestCreationRepository } from './role-assignment-request-creation.repository.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  ADDITION_TYPES,
  REMOVAL_TYPES,
} from './role-assignment-request.model.js';

export type ProvisioningFailure = 'Failed' | 'FailedAsResourceIsLocked';

/**
 * What a request does to the assignment it is about, once it is granted: creates it, moves
 * its end (update, extend, renew) or ends it (removal).
 */
@Injectable()
export class RoleAssignmentProvisioning {
  constructor(
    private readonly repository: RoleAssignmentRequestCreationRepository,
  ) {}

  async apply(
    session: SqlSession,
    request: RoleAssignmentRequestEntity,
    now: Date,
  ): Promise<void> {
    if (ADDITION_TYPES.includes(request.type)) {
      await this.repository.grantAssignment(session, request);
      return;
    }
    const existing = await this.repository.assignment(
      session,
      request,
      request.assignmentState,
      now,
    );
    if (existing) {
      await this.repository.endAssignment(
        session,
        existing,
        REMOVAL_TYPES.includes(request.type)
          ? now
          : request.scheduleEndDateTime,
      );
    }
  }

  /**
   * Why a request checked when it was created can no longer be provisioned (staged
   * processing): its resource was locked, or its resource, role or subject is gone, or its
   * assignment was created or removed by other means meanwhile.
   */
  async failureOf(
    session: SqlSession,
    request: RoleAssignmentRequestEntity,
    now: Date,
  ): Promise<ProvisioningFailure | undefined> {
    const { tenantId } = request;
    const resource = await this.repository.resource(
      session,
      tenantId,
      request.resourceId,
    );
    if (resource?.status === 'Locked') {
      return 'FailedAsResourceIsLocked';
    }
    const existing = await this.repository.assignment(
      session,
      request,
      request.assignmentState,
      now,
    );
    const targetsExist =
      resource !== undefined &&
      (await this.repository.roleDefinition(
        session,
        tenantId,
        request.roleDefinitionId,
      )) !== undefined &&
      (await this.repository.subject(session, tenantId, request.subjectId)) !==
        undefined;
    const assignmentAsExpected = ADDITION_TYPES.includes(request.type)
      ? existing === undefined
      : existing !== undefined;
    return targetsExist && assignmentAsExpected ? undefined : 'Failed';
  }
}
