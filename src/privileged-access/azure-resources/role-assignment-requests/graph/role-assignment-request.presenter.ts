import type {
  RoleAssignmentRequestEntity,
  StatusDetail,
} from '../role-assignment-request.entity.js';

export interface GraphGovernanceSchedule {
  type: string;
  startDateTime: string | null;
  endDateTime: string | null;
  duration: string | null;
}

/** The governanceRoleAssignmentRequest JSON shape: every key present, in Graph's order. */
export interface GraphRoleAssignmentRequest {
  id: string;
  resourceId: string;
  roleDefinitionId: string;
  subjectId: string;
  linkedEligibleRoleAssignmentId: string | null;
  type: string;
  assignmentState: string;
  requestedDateTime: string;
  reason: string | null;
  status: { status: string; subStatus: string; statusDetails: StatusDetail[] };
  schedule: GraphGovernanceSchedule | null;
}

export function toGraphRoleAssignmentRequest(
  request: RoleAssignmentRequestEntity,
): GraphRoleAssignmentRequest {
  return {
    id: request.id,
    resourceId: request.resourceId,
    roleDefinitionId: request.roleDefinitionId,
    subjectId: request.subjectId,
    linkedEligibleRoleAssignmentId: request.linkedEligibleRoleAssignmentId,
    type: request.type,
    assignmentState: request.assignmentState,
    requestedDateTime: request.requestedDateTime.toISOString(),
    reason: request.reason,
    status: {
      status: request.status,
      subStatus: request.subStatus,
      statusDetails: request.statusDetails,
    },
    schedule:
      request.scheduleType === null
        ? null
        : {
            type: request.scheduleType,
            startDateTime: request.scheduleStartDateTime?.toISOString() ?? null,
            endDateTime: request.scheduleEndDateTime?.toISOString() ?? null,
            duration: request.scheduleDuration,
          },
  };
}
