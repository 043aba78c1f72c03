import { Injectable } from '@nestjs/common';
import { ResourcesRepository } from '../resources/resources.repository.js';
import type { RoleAssignmentEntity } from '../role-assignments/role-assignment.entity.js';
import { RoleAssignmentsRepository } from '../role-assignments/role-assignments.repository.js';
import { RoleDefinitionsRepository } from '../role-definitions/role-definitions.repository.js';
import { SubjectsRepository } from '../subjects/subjects.repository.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  ADDITION_TYPES,
  REMOVAL_TYPES,
} from './role-assignment-request.model.js';

export type ProvisioningFailure = 'Failed' | 'FailedAsResourceIsLocked';

/**
 * What a request does to the assignment it is about, once it is granted: creates it, moves
 * its end (update, extend, renew) or ends it (removal), in the caller's unit of work.
 */
@Injectable()
export class RoleAssignmentProvisioning {
  constructor(
    private readonly resources: ResourcesRepository,
    private readonly definitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
    private readonly assignments: RoleAssignmentsRepository,
  ) {}

  async apply(request: RoleAssignmentRequestEntity, now: Date): Promise<void> {
    if (ADDITION_TYPES.includes(request.type)) {
      await this.assignments.insert(assignmentGrantedBy(request));
      return;
    }
    const existing = await this.assignments.inEffect(
      request,
      request.assignmentState,
      now,
    );
    if (existing) {
      await this.assignments.setEnd(
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
    request: RoleAssignmentRequestEntity,
    now: Date,
  ): Promise<ProvisioningFailure | undefined> {
    const { tenantId } = request;
    const resource = await this.resources.find(tenantId, request.resourceId);
    if (resource?.status === 'Locked') {
      return 'FailedAsResourceIsLocked';
    }
    const existing = await this.assignments.inEffect(
      request,
      request.assignmentState,
      now,
    );
    const targetsExist =
      resource !== undefined &&
      (await this.definitions.find(tenantId, request.roleDefinitionId)) !==
        undefined &&
      (await this.subjects.find(tenantId, request.subjectId)) !== undefined;
    const assignmentAsExpected = ADDITION_TYPES.includes(request.type)
      ? existing === undefined
      : existing !== undefined;
    return targetsExist && assignmentAsExpected ? undefined : 'Failed';
  }
}

/** The assignment a granted request makes, under the request's id: its end can then close the request (Revoked). */
function assignmentGrantedBy(
  request: RoleAssignmentRequestEntity,
): RoleAssignmentEntity {
  return {
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
  };
}
