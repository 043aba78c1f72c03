import type {
  AssignmentState,
  RequestType,
} from '../role-assignment-request.model.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';

/**
 * The two Resource Manager collections over the one table of requests: a request for an active
 * assignment is a role assignment schedule request, one for an eligible assignment a role
 * eligibility schedule request (docs/resource-manager.md, the mapping table).
 */
export interface ScheduleRequestKind {
  /** The collection, as routes name it. */
  readonly collection: string;
  /** The resource type, as ids and `type` write it (Microsoft's examples' casing). */
  readonly resourceType: string;
  readonly assignmentState: AssignmentState;
  /** The name of the properties that point at the schedule the request made. */
  readonly targetSchedule: string;
  readonly targetScheduleInstance: string;
}

export const ROLE_ASSIGNMENT_SCHEDULE_REQUESTS: ScheduleRequestKind = {
  collection: 'roleAssignmentScheduleRequests',
  resourceType: 'RoleAssignmentScheduleRequests',
  assignmentState: 'Active',
  targetSchedule: 'targetRoleAssignmentScheduleId',
  targetScheduleInstance: 'targetRoleAssignmentScheduleInstanceId',
};

export const ROLE_ELIGIBILITY_SCHEDULE_REQUESTS: ScheduleRequestKind = {
  collection: 'roleEligibilityScheduleRequests',
  resourceType: 'RoleEligibilityScheduleRequests',
  assignmentState: 'Eligible',
  targetSchedule: 'targetRoleEligibilityScheduleId',
  targetScheduleInstance: 'targetRoleEligibilityScheduleInstanceId',
};

/** ARM's `requestType` of each Graph request `type`, one for one. */
export const ARM_REQUEST_TYPES: Readonly<Record<RequestType, string>> = {
  AdminAdd: 'AdminAssign',
  AdminUpdate: 'AdminUpdate',
  AdminRemove: 'AdminRemove',
  AdminExtend: 'AdminExtend',
  AdminRenew: 'AdminRenew',
  UserAdd: 'SelfActivate',
  UserRemove: 'SelfDeactivate',
  UserExtend: 'SelfExtend',
  UserRenew: 'SelfRenew',
};

export interface ArmScheduleInfo {
  startDateTime: string | null;
  expiration: {
    type: 'AfterDuration' | 'AfterDateTime' | 'NoExpiration';
    endDateTime: string | null;
    duration: string | null;
  };
}

/**
 * `scheduleInfo` of a request's schedule: an end date is AfterDateTime, a duration
 * AfterDuration, neither NoExpiration; a request without a schedule has none.
 */
export function scheduleInfoOf(
  request: RoleAssignmentRequestEntity,
): ArmScheduleInfo | null {
  if (request.scheduleType === null) {
    return null;
  }
  const end = request.scheduleEndDateTime;
  const duration = request.scheduleDuration;
  return {
    startDateTime: request.scheduleStartDateTime?.toISOString() ?? null,
    expiration: {
      type: end ? 'AfterDateTime' : duration ? 'AfterDuration' : 'NoExpiration',
      endDateTime: end?.toISOString() ?? null,
      duration: end ? null : duration,
    },
  };
}
