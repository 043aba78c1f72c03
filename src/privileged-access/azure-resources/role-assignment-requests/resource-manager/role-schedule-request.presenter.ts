import { Injectable } from '@nestjs/common';
import {
  type ArmReferenced,
  ArmReferences,
} from '../../resource-manager/arm-references.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import { ADDITION_TYPES } from '../role-assignment-request.model.js';
import {
  ARM_REQUEST_TYPES,
  type ArmScheduleInfo,
  scheduleInfoOf,
  type ScheduleRequestKind,
} from './role-schedule-request.mapping.js';

/** A role assignment (or eligibility) schedule request, in Resource Manager's JSON. */
export interface ArmScheduleRequest {
  properties: Record<string, unknown> & {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    principalType: string | null;
    requestType: string;
    status: string;
    scheduleInfo: ArmScheduleInfo | null;
    justification: string | null;
    createdOn: string;
    requestorId: string | null;
  };
  name: string;
  id: string;
  type: string;
}

/**
 * Requests in Resource Manager's shape: what the request row holds, and what ARM names through
 * the rows it points at (ArmReferences: its resource's ARM id as `scope`, its role definition's
 * ARM id, its subject's type), read once per page.
 */
@Injectable()
export class RoleScheduleRequestPresenter {
  constructor(private readonly references: ArmReferences) {}

  async present(
    kind: ScheduleRequestKind,
    requests: readonly RoleAssignmentRequestEntity[],
  ): Promise<ArmScheduleRequest[]> {
    const referenced = await this.references.of(requests);
    return requests.map((request, index) =>
      presented(kind, request, referenced[index]),
    );
  }
}

function presented(
  kind: ScheduleRequestKind,
  request: RoleAssignmentRequestEntity,
  { scope, roleDefinitionId, principalType, expandedProperties }: ArmReferenced,
): ArmScheduleRequest {
  const granted = grantedSchedule(request);
  return {
    properties: {
      [kind.targetSchedule]: granted
        ? `${scope}/providers/Microsoft.Authorization/${kind.schedules}/${granted}`
        : null,
      [kind.targetScheduleInstance]: granted
        ? `${scope}/providers/Microsoft.Authorization/${kind.scheduleInstances}/${granted}`
        : null,
      scope,
      roleDefinitionId,
      principalId: request.subjectId,
      principalType,
      requestType: ARM_REQUEST_TYPES[request.type],
      status: request.subStatus,
      approvalId: null,
      scheduleInfo: scheduleInfoOf(request),
      ...(kind.assignmentState === 'Active' && {
        linkedRoleEligibilityScheduleId: request.linkedEligibleRoleAssignmentId,
      }),
      justification: request.reason,
      ticketInfo: {
        ticketNumber: request.ticketNumber,
        ticketSystem: request.ticketSystem,
      },
      condition: request.condition,
      conditionVersion: request.conditionVersion,
      createdOn: request.requestedDateTime.toISOString(),
      requestorId: request.requestorId,
      expandedProperties,
    },
    name: request.id,
    id: `${scope}/providers/Microsoft.Authorization/${kind.resourceType}/${request.id}`,
    type: `Microsoft.Authorization/${kind.resourceType}`,
  };
}

/**
 * The name of the schedule a request made: an addition, once provisioned, made its assignment
 * under its own id (the provisioning's rule); other requests change or end one they did not make.
 */
function grantedSchedule(request: RoleAssignmentRequestEntity): string | null {
  return ADDITION_TYPES.includes(request.type) &&
    request.subStatus === 'Provisioned'
    ? request.id
    : null;
}
